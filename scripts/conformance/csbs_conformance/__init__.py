"""Conformance of `csbs serve` with the official Huawei Cloud Python SDKs (huaweicloudsdkcbr, huaweicloudsdkiam).

The package is organised as: `emulator` (starts and steers a `csbs serve --memory` process), `auth` (IAM tokens and
SDK clients for both authentication modes), `registry` (the check decorator, the per-check context and the
expectation helpers), `pending` (checks skipped by default) and `checks/` (one module per API area).
Run it through `scripts/conformance/run`.
"""
