"""The data contract's kinds of record: fields, aliases, types and required-ness.

This mirrors `shared/spec/data-contract.md` (version 1). Aliases are matched
after `normalise_header`, so case, width, spacing and a trailing unit in
brackets do not matter. More aliases are welcome; none may be removed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from salesdesk.ingest.headers import build_alias_index, normalise_token


@dataclass(frozen=True)
class Field:
    name: str
    label_zh: str
    type: (
        str  # text | date | month_or_date | decimal | int | choice | customer | rep | year | month
    )
    required: bool = False
    aliases: tuple[str, ...] = ()
    choices: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    default: str | None = None

    def choice_index(self) -> dict[str, str]:
        """normalised alias → canonical value, for `parse_choice`."""
        index: dict[str, str] = {}
        for value, aliases in self.choices.items():
            for alias in (value, *aliases):
                index[normalise_token(alias)] = value
        return index


@dataclass(frozen=True)
class Kind:
    name: str
    label_zh: str
    fields: tuple[Field, ...]
    aliases: tuple[str, ...] = ()
    extension: tuple[str, ...] = ()  # fields a department kind adds; stored in `extra`

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    def header_index(self) -> dict[str, str]:
        return build_alias_index({f.name: (f.label_zh, *f.aliases) for f in self.fields})

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.required)


F = Field
Choices = dict[str, tuple[str, ...]]

ORDER_TYPES: Choices = {
    "regular": ("常规", "常规订单", "普通"),
    "gift": ("赠品", "赠品订单"),
    "promo": ("促销", "促销订单"),
    "oem": ("OEM", "贴牌"),
    "odm": ("ODM",),
    "own": ("自主产品", "自主", "自有产品"),
}
UNITS: Choices = {
    "pcs": ("件", "个", "pc", "piece", "pieces"),
    "m3": ("方", "立方", "立方米", "m³"),
    "room_night": ("间夜", "roomnight", "roomnights"),
    "cover": ("位", "人", "covers"),
    "card": ("张", "cards"),
    "box": ("箱", "ctn", "carton"),
    "set": ("套",),
    "kg": ("公斤", "千克"),
    "t": ("吨", "ton", "tons"),
}
STATUSES = {"normal": ("正常", "ok", "有效"), "cancelled": ("取消", "已取消", "canceled", "作废")}
ADJUSTMENT_KINDS: Choices = {
    "discount": ("折扣",),
    "voucher": ("代金券", "代金卷"),
    "comp": ("赠送", "菜品赠送"),
    "rounding": ("抹零", "免零"),
    "free": ("免单",),
    "hosting": ("宴请",),
    "return": ("退货",),
    "other": ("其他",),
}
PAYMENT_CHANNELS: Choices = {
    "cash": ("现金",),
    "bank_card": ("银行卡", "刷卡"),
    "member_card": ("会员卡",),
    "on_account": ("挂账",),
    "deposit": ("定金", "定金挂账"),
    "staff_meal": ("员工餐券", "职工餐票"),
    "transfer": ("转账", "银行转账"),
    "letter_of_credit": ("信用证", "LC", "L/C"),
    "meituan": ("美团", "美团网"),
    "dianping": ("大众点评", "大众点评网"),
    "nuomi": ("百度糯米", "糯米", "百度糯米网"),
    "ota": ("网络订房", "携程", "艺龙", "去哪儿"),
    "other": ("其他",),
}
RESOURCES = {"rooms": ("客房", "房间"), "seats": ("餐位", "座位")}
ACTIVITY_KINDS: Choices = {
    "visit": ("拜访", "上门拜访"),
    "cold_visit": ("陌拜", "陌生拜访"),
    "call": ("电话",),
    "mail": ("邮寄",),
    "meeting": ("会议", "会面"),
    "message": ("微信", "短信", "微信/短信"),
}
OUTCOMES: Choices = {
    "deal": ("成交",),
    "interested": ("有意向", "意向"),
    "rejected": ("拒绝",),
    "no_answer": ("未接通",),
    "pending": ("待定",),
}
TARGET_METRICS: Choices = {
    "revenue": ("销售额",),
    "volume": ("销量",),
    "collections": ("回款",),
    "visits": ("拜访量",),
    "new_customers": ("新客户",),
}
IDEA_STATUSES = {"submitted": ("已提交",), "adopted": ("已采纳",), "rejected": ("未采纳",)}
INCIDENT_KINDS: Choices = {
    "late_delivery": ("交期延误",),
    "quality": ("质量问题",),
    "form_error": ("单据错误",),
    "sample": ("样板问题",),
    "mold_delay": ("模具延期",),
    "other": ("其他",),
}

TIER_CHOICES: Choices = {"VIP": (), "A": (), "B": (), "C": ()}

REPS = Kind(
    "reps",
    "业务员",
    (
        F("rep", "工号", "text", True, ("业务员编号", "员工编号", "code", "repcode")),
        F("name", "姓名", "text", True, ("业务员", "rep_name")),
        F("team", "小组", "text", aliases=("部门",)),
        F("territory", "片区", "text", aliases=("区域",)),
        F("hired_on", "入职日期", "date"),
        F("left_on", "离职日期", "date"),
        F("manager", "上级", "text"),
    ),
    ("业务员", "rep"),
)
CUSTOMERS = Kind(
    "customers",
    "客户",
    (
        F("customer", "客户编号", "text", True, ("客户代码", "code", "customer_code")),
        F("name", "客户名称", "text", True, ("客户", "customer_name")),
        F("kind", "客户类型", "text"),
        F("region", "区域", "text", aliases=("地区",)),
        F("country", "国家", "text"),
        F(
            "tier",
            "客户等级",
            "choice",
            aliases=("等级",),
            choices={"VIP": (), "A": (), "B": (), "C": ()},
        ),
        F("owner", "负责业务员", "rep", aliases=("负责人",)),
        F("source", "客户来源", "text", aliases=("来源",)),
        F("parent", "所属集团", "text"),
        F("since", "建档日期", "date"),
    ),
    ("客户", "customer"),
)
ORDERS = Kind(
    "orders",
    "订单",
    (
        F("order", "单号", "text", True, ("订单号", "账单号", "order_no", "orderno")),
        F("line", "行号", "int", aliases=("line_no",)),
        F("date", "日期", "date", True, ("下单日期", "销售日期", "order_date")),
        F("customer", "客户", "customer", aliases=("客户编号", "客户名称")),
        F("rep", "业务员", "rep", aliases=("销售员",)),
        F("order_type", "订单类型", "choice", choices=ORDER_TYPES, default="regular"),
        F("channel", "渠道", "text", aliases=("销售渠道",)),
        F("product", "产品", "text", aliases=("商品", "品名")),
        F("category", "品类", "text", aliases=("类别",)),
        F("quantity", "数量", "decimal", True, ("销量", "qty")),
        F("unit", "单位", "choice", choices=UNITS),
        F("unit_price", "单价", "decimal", aliases=("price",)),
        F("amount", "金额", "decimal"),
        F("currency", "币种", "text", default="CNY"),
        F("fx_rate", "汇率", "decimal"),
        F("covers", "人数", "int", aliases=("就餐人数",)),
        F("promised_on", "约定交期", "date", aliases=("交货期",)),
        F("delivered_on", "实际交货日期", "date", aliases=("交货日期",)),
        F("status", "状态", "choice", choices=STATUSES, default="normal"),
    ),
    ("订单", "order"),
)
ADJUSTMENTS = Kind(
    "adjustments",
    "优惠",
    (
        F("order", "单号", "text", True, ("订单号", "账单号")),
        F("date", "日期", "date", True),
        F("kind", "类型", "choice", True, ("优惠类型",), choices=ADJUSTMENT_KINDS),
        F("amount", "金额", "decimal", True, ("优惠金额",)),
    ),
    ("优惠", "adjustment"),
)
PAYMENTS = Kind(
    "payments",
    "收款",
    (
        F("payment", "收款单号", "text", aliases=("payment_no",)),
        F("date", "日期", "date", True, ("收款日期", "回款日期")),
        F("customer", "客户", "customer", aliases=("客户编号",)),
        F("order", "单号", "text", aliases=("订单号", "账单号")),
        F("rep", "业务员", "rep"),
        F("channel", "收款方式", "choice", True, ("支付方式",), choices=PAYMENT_CHANNELS),
        F("amount", "金额", "decimal", True, ("收款金额", "回款金额")),
    ),
    ("收款", "回款", "payment"),
)
CAPACITY = Kind(
    "capacity",
    "可售量",
    (
        F("date", "日期", "month_or_date", True, ("月份",)),
        F("resource", "资源", "choice", True, choices=RESOURCES),
        F("available", "可售数量", "int", True, ("房间数",)),
    ),
)
ACTIVITIES = Kind(
    "activities",
    "拜访",
    (
        F("date", "日期", "date", True, ("拜访日期",)),
        F("rep", "业务员", "rep", True),
        F("customer", "客户", "customer", aliases=("客户编号",)),
        F("kind", "方式", "choice", True, ("拜访方式", "类型"), choices=ACTIVITY_KINDS),
        F("outcome", "结果", "choice", choices=OUTCOMES),
        F("next_follow_up", "下次跟进日期", "date", aliases=("下次跟进",)),
        F("note", "备注", "text"),
    ),
    ("拜访", "跟进", "activity"),
)
TARGETS = Kind(
    "targets",
    "目标",
    (
        F("year", "年度", "int", True, ("年份",)),
        F("month", "月份", "int"),
        F("rep", "业务员", "rep"),
        F("metric", "指标", "choice", True, choices=TARGET_METRICS),
        F("value", "目标值", "decimal", True, ("目标",)),
    ),
    ("target",),
)
IDEAS = Kind(
    "ideas",
    "产品建议",
    (
        F("date", "日期", "date", True),
        F("rep", "业务员", "rep", True),
        F("title", "建议", "text", True, ("标题",)),
        F("status", "状态", "choice", choices=IDEA_STATUSES, default="submitted"),
        F("reward", "奖励", "decimal"),
    ),
    ("建议", "idea"),
)
INCIDENTS = Kind(
    "incidents",
    "客诉",
    (
        F("date", "日期", "date", True),
        F("kind", "类型", "choice", True, choices=INCIDENT_KINDS),
        F("customer", "客户", "customer"),
        F("order", "单号", "text", aliases=("订单号",)),
        F("cost", "损失金额", "decimal"),
        F("note", "备注", "text"),
    ),
    ("事故", "客诉/事故", "incident"),
)

KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        REPS,
        CUSTOMERS,
        ORDERS,
        ADJUSTMENTS,
        PAYMENTS,
        CAPACITY,
        ACTIVITIES,
        TARGETS,
        IDEAS,
        INCIDENTS,
    )
}


def kind_named(name: str) -> Kind:
    """Find a kind by its English name, Chinese label or alias (订单, orders, order …)."""
    token = normalise_token(name)
    for kind in KINDS.values():
        if token in {normalise_token(n) for n in (kind.name, kind.label_zh, *kind.aliases)}:
            return kind
    raise KeyError(name)
