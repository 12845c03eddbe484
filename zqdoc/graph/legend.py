"""The colours of agency kinds, one legend for every picture of the network: the PNG of
`draw_co_responsibility` and the HTML report's canvas (zqdoc/report.py) draw an agency of a kind in
the same colour and name the kinds the same way."""
from __future__ import annotations

from ..models import AgencyKind

KIND_COLORS: dict[str, str] = {
    AgencyKind.GOVERNMENT.value: "#d62728", AgencyKind.DEPARTMENT.value: "#1f77b4", AgencyKind.PARTY.value: "#9467bd",
    AgencyKind.ADMIN_COMMITTEE.value: "#ff7f0e", AgencyKind.COLLECTIVE.value: "#2ca02c",
    AgencyKind.GENERIC.value: "#7f7f7f", AgencyKind.OTHER.value: "#8c564b",
}
KIND_LABELS: dict[str, str] = {
    AgencyKind.GOVERNMENT.value: "政府 government", AgencyKind.DEPARTMENT.value: "部门 department",
    AgencyKind.PARTY.value: "党委 party", AgencyKind.ADMIN_COMMITTEE.value: "管委会 admin committee",
    AgencyKind.COLLECTIVE.value: "各级 collective", AgencyKind.GENERIC.value: "泛指 generic",
    AgencyKind.OTHER.value: "其他 other",
}


def kind_of(data: dict) -> str:
    """The legend entry of an agency node's attributes: its kind, else other."""
    kind = data.get("kind") or AgencyKind.OTHER.value
    return kind if kind in KIND_COLORS else AgencyKind.OTHER.value
