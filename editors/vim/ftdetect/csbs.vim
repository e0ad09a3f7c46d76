" csbs scripts: *.csbs, or a #! line that runs csbs.
autocmd BufRead,BufNewFile *.csbs setfiletype csbs
autocmd BufRead,BufNewFile * if getline(1) =~# '^#!.*\<csbs\>' | setfiletype csbs | endif
