"""Order exports shaped like Taobao's sold-items report, with made-up buyers: for the browser tests and the benchmark.

The seller centre's export (已卖出的宝贝 -> 导出) is a GBK CSV with CRLF line ends and the header below. Order
numbers come as Excel text formulas (="2875..."), some header cells carry stray spaces or "=", and a refund
shows in 退款金额 even on orders that read 交易成功 or 交易关闭; some exports add a 退款状态 column. The file
holds buyers' names, phones and addresses, so the site reads it on the seller's device only.
"""
from __future__ import annotations

HEADER = ("订单编号,买家会员名,买家支付宝账号,支付单号,支付详情,买家应付货款,买家应付邮费,买家支付积分,总金额,返点积分,买家实际支付金额,"
          "买家实际支付积分,订单状态,买家留言,收货人姓名,收货地址,运送方式,联系电话,联系手机,订单创建时间,订单付款时间,宝贝标题,宝贝种类,"
          "订单备注,宝贝总数量,店铺Id,店铺名称,订单关闭原因,退款金额")
STATES = ["等待买家付款", "买家已付款，等待卖家发货", "卖家已发货，等待买家确认", "交易成功", "交易关闭"]


def row(i: int) -> str:
    """Order i: the five states in turn, a refund on every seventh, quoted cells with commas, an Excel formula id."""
    return ",".join([f'="{2875512345678900000 + i}"', f"buyer{i}", "a***@example.com", f'="2024{i:012d}"', '"支付宝:59.00元,红包:0.00元"',
                     "59.00", "0.00", "0", "59.00", "0", "59.00", "0", STATES[i % 5], '"请尽快发货，谢谢，麻烦用顺丰，周末不在家请放门卫"',
                     f"收货人{i % 100}", f'"浙江省 杭州市 西湖区 文三路{i % 500}号 {i % 30}幢 {i % 20} 单元 {i % 900} 室, 310000"', "快递", "",
                     "'13800000000", "2026-11-01 10:00:00", "2026-11-01 10:01:00", f'"保温杯 500ml 不锈钢 真空 办公室 学生 款式{i % 9}"', "1",
                     "备注", "1", "123456", "小店", "", "0.00" if i % 7 else "12.50"])


def export(rows: int) -> bytes:
    """The whole file as the seller center writes it: GBK, CRLF."""
    return ("\r\n".join([HEADER] + [row(i) for i in range(rows)]) + "\r\n").encode("gbk")
