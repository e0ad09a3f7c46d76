"""Yearly/monthly vaults and their orders, simulated (no billing): create_post_paid_vault, change_vault_charge_mode,
change_order and update_order. An order is an id (`CS` + yyMMddHHmm + 5 characters) that the vault records as
`billing.order_id`; the change it orders is applied at once."""
import re

from huaweicloudsdkcbr.v1 import model as cbr

from ..registry import check, expect, expect_equal, expect_error

ORDER_ID = re.compile(r"CS[0-9]{10}[A-Z0-9]{5}")
SPEC = "vault.backup.server.normal"


def order_vault(ctx, name="ordered", size=100, period_type="month", period_num=1):
    billing = cbr.PrePaidBillingCreate(consistent_level="crash_consistent", object_type="server",
                                       protect_type="backup", size=size, charging_mode="pre_paid",
                                       period_type=period_type, period_num=period_num, is_auto_pay=True)
    body = cbr.VaultOrderCreateReqs(vault=cbr.PrePaidVaultOrder(name=name, billing=billing, resources=[]))
    return ctx.cbr.create_post_paid_vault(cbr.CreatePostPaidVaultRequest(body=body))


def expect_order_id(value, what):
    expect(isinstance(value, str) and ORDER_ID.fullmatch(value), "%s: not an order id: %r" % (what, value))


@check("orders.create_post_paid_vault")
def create_post_paid_vault(ctx):
    answer = order_vault(ctx)
    expect_equal((answer.ret_code, answer.error_code, len(answer.orders)), (0, "0", 1), "retCode, error_code, orders")
    order = answer.orders[0]
    expect_order_id(order.order_id, "orders[0].orderId")
    expect_equal(order.subscribe_result, 1, "orders[0].subscribeResult")
    billing = ctx.show_vault(order.resource_id).billing
    expect_equal((billing.charging_mode, billing.order_id, billing.size), ("pre_paid", order.order_id, 100),
                 "the vault's billing")
    expect_error(lambda: order_vault(ctx, period_type="week"), 400, "BackupService.9900")
    expect_error(lambda: order_vault(ctx, period_num=10), 400, "BackupService.9900")
    expect_error(lambda: order_vault(ctx, name="a b"), 400, "BackupService.9900")
    expect_error(lambda: order_vault(ctx, size=5), 400, "BackupService.6101")


@check("orders.change_vault_charge_mode")
def change_vault_charge_mode(ctx):
    vault = ctx.create_vault("pay_per_use")
    expect_equal(vault.billing.charging_mode, "post_paid", "a new vault's charging mode")

    def change(vault_ids):
        body = cbr.ChangeToPeriod(charging_mode="pre_paid", period_type="year", period_num=2, is_auto_renew=True,
                                  is_auto_pay=True, vault_ids=vault_ids)
        return ctx.cbr.change_vault_charge_mode(cbr.ChangeVaultChargeModeRequest(body=body))

    expect_error(lambda: change([vault.id, "00000000-0000-4000-8000-000000000000"]), 404, "BackupService.6105")
    expect_equal(ctx.show_vault(vault.id).billing.charging_mode, "post_paid", "after a refused change")
    answer = change([vault.id])
    expect_order_id(answer.order_id, "orderId")
    expect_equal((answer.ret_code, answer.ret_msg), (0, "success"), "retCode, retMsg")
    billing = ctx.show_vault(vault.id).billing
    expect_equal((billing.charging_mode, billing.order_id), ("pre_paid", answer.order_id), "the vault's billing")
    expect_error(lambda: change([vault.id]), 400, "BackupService.9900")
    expect_error(lambda: change([]), 400, "BackupService.9900")


@check("orders.change_and_update_order")
def change_and_update_order(ctx):
    created = order_vault(ctx).orders[0]
    vault_id = created.resource_id

    def change(size, spec=SPEC, resource_id=vault_id):
        info = cbr.CbcProductInfoOrderChange(product_id="OFFI740586375358963717", resource_size=size,
                                             resource_size_measure_id=17, resource_spec_code=spec)
        body = cbr.CbcOrderChange(product_info=info, resource_id=resource_id, is_auto_pay=True)
        return ctx.cbr.change_order(cbr.ChangeOrderRequest(body=body))

    changed = change(300)
    expect_order_id(changed.order_id, "change_order orderId")
    expect_equal((changed.ret_code, changed.ret_msg), (0, "success"), "change_order retCode, retMsg")
    billing = ctx.show_vault(vault_id).billing
    expect_equal((billing.size, billing.order_id), (300, changed.order_id), "the vault after change_order")
    expect_error(lambda: change(300, spec="vault.backup.volume.normal"), 400, "BackupService.9900")
    expect_error(lambda: change(5), 400, "BackupService.6101")
    expect_error(lambda: change(300, resource_id="00000000-0000-4000-8000-000000000000"), 404, "BackupService.6105")
    pay_per_use = ctx.create_vault("pay_per_use")
    expect_error(lambda: change(300, resource_id=pay_per_use.id), 400, "BackupService.9900")

    def update(order_id, size):
        info = cbr.CbcProductInfoUpdate(product_id="OFFI740586375358963717", resource_size=size,
                                        resource_size_measure_id=17, resource_spec_code=SPEC)
        body = cbr.CbcUpdate(product_info=info, resource_id=vault_id)
        return ctx.cbr.update_order(cbr.UpdateOrderRequest(order_id=order_id, body=body))

    expect_error(lambda: update(created.order_id, 150), 400, "BackupService.9900")
    updated = update(changed.order_id, 150)
    expect_order_id(updated.order_id, "update_order orderId")
    expect_equal((updated.ret_code, updated.ret_msg), ("0", "success"), "update_order retCode, retMsg")
    billing = ctx.show_vault(vault_id).billing
    expect_equal((billing.size, billing.order_id), (150, updated.order_id), "the vault after update_order")
