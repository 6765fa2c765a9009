"""Where an initiative sits and whom it is for: the value chain activity, the customer
journey stage, the stakeholders' roles and the idea's source (ITIL 4's words)."""

from __future__ import annotations

from enum import StrEnum

from improve.domain.terms import parse_enum, spelling


class Source(StrEnum):
    """Where the idea for an initiative came from."""

    FEEDBACK = "feedback"
    CUSTOMER = "customer"
    INCIDENT = "incident"
    TEAM = "team"
    RETRO = "retro"
    AUDIT = "audit"

    @classmethod
    def parse(cls, text: str) -> Source:
        return parse_enum(cls, text, "source")


class Activity(StrEnum):
    """The service value chain activity an initiative improves."""

    PLAN = "plan"
    IMPROVE = "improve"
    ENGAGE = "engage"
    DESIGN_TRANSITION = "design-transition"
    OBTAIN_BUILD = "obtain-build"
    DELIVER_SUPPORT = "deliver-support"

    @property
    def label(self) -> str:
        return self.value.replace("-", " & ") if "-" in self.value else self.value

    @classmethod
    def parse(cls, text: str) -> Activity:
        """`design and transition`, `Obtain/Build`, `deliver-support` alike."""
        wanted = spelling(text).replace("-and-", "-")
        return parse_enum(cls, wanted, "value chain activity", text)


class JourneyStage(StrEnum):
    """The stage of the customer journey an initiative serves."""

    EXPLORE = "explore"
    ENGAGE = "engage"
    OFFER = "offer"
    AGREE = "agree"
    ONBOARD = "onboard"
    CO_CREATE = "co-create"
    REALISE = "realise"

    @property
    def label(self) -> str:
        return "realise value" if self is JourneyStage.REALISE else self.value

    @classmethod
    def parse(cls, text: str) -> JourneyStage:
        """`Realise value`, `realize`, `cocreate` and `co-create` alike."""
        wanted = spelling(text).removesuffix("-value").replace("realize", "realise")
        wanted = "co-create" if wanted == "cocreate" else wanted
        return parse_enum(cls, wanted, "journey stage", text)


class StakeholderRole(StrEnum):
    """Whom an initiative is for, or who has a stake in it."""

    USER = "user"
    CUSTOMER = "customer"
    SPONSOR = "sponsor"
    SUPPLIER = "supplier"
    PARTNER = "partner"
    REGULATOR = "regulator"
    TEAM = "team"

    @classmethod
    def parse(cls, text: str) -> StakeholderRole:
        return parse_enum(cls, text.strip().lower().removesuffix("s"), "role", text)


VALUE_CHAIN = tuple(a.value for a in Activity)
JOURNEY = tuple(j.value for j in JourneyStage)
