" Vim syntax file
" Language: csbs (cloud server backup scripts)
" Keep in step with editors/textmate/csbs.tmLanguage.json; a test checks both against the parser's keywords.
if exists("b:current_syntax")
  finish
endif

" Words may hold - . : (power-on, 02:00); # inside a word is part of it.
syn iskeyword @,48-57,_,-,.,:

syn keyword csbsControl if else for in parallel while break continue exit on error stop source assert sleep let set param confirm echo warn try catch retry backoff def return
syn keyword csbsCommand vault vaults attach detach backup backups protect restore delete resize show use servers tasks wait policy policies bind unbind region profile endpoint
syn keyword csbsOption size server disk crash app tag name description full incremental timeout to power-on force type status limit since every day at keep retain update checkpoint
syn keyword csbsOperatorWord and or not
syn keyword csbsConstant true false null

syn match csbsNumber "\v<-?[0-9]+>"
syn match csbsNumber "\v<([0-9])@=([0-9]+d)?([0-9]+h)?([0-9]+m(s)@!)?([0-9]+s)?([0-9]+ms)?>"
syn match csbsOperator "\v\=\=|!\=|\<\=|\>\=|\<|\>|\=|\.\."
syn match csbsVariable "\v\$([0-9]+|[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*)"
syn match csbsEscape "\\." contained
syn region csbsInterpolation matchgroup=csbsDelimiter start="\${" end="}" contained contains=csbsString,csbsVariable,csbsControl,csbsCommand,csbsOption,csbsOperatorWord,csbsConstant,csbsNumber,csbsOperator
syn region csbsString start=+"+ skip=+\\.+ end=+"+ end=+$+ contains=csbsEscape,csbsInterpolation,csbsVariable
syn match csbsComment "\v(^|[^A-Za-z0-9_.:#-])@<=#.*$"
syn match csbsLineContinuation "\\$"

hi def link csbsControl Statement
hi def link csbsCommand Keyword
hi def link csbsOption Type
hi def link csbsOperatorWord Operator
hi def link csbsOperator Operator
hi def link csbsConstant Constant
hi def link csbsNumber Number
hi def link csbsVariable Identifier
hi def link csbsString String
hi def link csbsEscape SpecialChar
hi def link csbsDelimiter Delimiter
hi def link csbsComment Comment
hi def link csbsLineContinuation SpecialChar

let b:current_syntax = "csbs"
