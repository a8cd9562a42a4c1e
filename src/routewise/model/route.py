"""A route: its questions, outcomes, steps, deadlines and events."""

from functools import cached_property
from typing import Any, Literal

from pydantic import Field, ModelWrapValidatorHandler, field_validator, model_validator

from routewise.model.common import FlowModel, Id, Text, made_once
from routewise.model.documents import Note, Source
from routewise.model.triage import GeneralAdvice

QuestionType = Literal["choice", "multi-choice", "yes-no", "date", "text"]


class Choice(FlowModel):
    id: Id
    label: Text
    help: Text | None = None
    next: Id | None = None
    done_steps: list[Id] = Field(default_factory=list)
    """Steps this answer says are already done ("Has it been decided? Yes" marks the decision
    done): the plan shows them done, and "Next" is the first step still to do."""


class Question(FlowModel):
    """One question of a route's decision tree.

    `next` on a choice (or on the question, for the other types) names the
    following question or outcome, so the tree is visible in the file. A
    question with `post: PARTY` asks that party's post from the shared post
    set in roles.yaml; the loader fills in its text and choices.
    """

    id: Id
    type: QuestionType = "choice"
    text: Text | None = None
    help: Text | None = None
    choices: list[Choice] = Field(default_factory=list)
    next: Id | dict[Id, Id] | None = None
    post: Id | None = None
    """The party whose post this question asks."""
    only: list[Id] = Field(default_factory=list)
    """For a post question: ask about these posts only (the ones this route needs)."""
    optional: bool = False
    formerly: list[Id] = Field(default_factory=list)
    """Earlier ids of this question, still accepted in answers files."""

    @model_validator(mode="after")
    def _shape(self) -> "Question":
        if self.post is not None:
            if self.choices and self.type not in ("choice", "multi-choice"):
                raise ValueError("a post question takes its choices from roles.yaml")
            return self
        if self.only:
            raise ValueError("`only` goes with `post`")
        if self.text is None:
            raise ValueError("a question needs `text`")
        if isinstance(self.next, dict) and self.type != "choice":
            raise ValueError("only a post question can map its choices to `next`")
        if self.type in ("choice", "yes-no", "multi-choice"):
            if not self.choices:
                raise ValueError(f"a {self.type} question needs choices")
            ids = [c.id for c in self.choices]
            if len(set(ids)) != len(ids):
                raise ValueError("choice ids must be unique")
            if self.type == "yes-no" and sorted(ids) != ["no", "yes"]:
                raise ValueError("a yes-no question has exactly the choices `yes` and `no`")
            if self.type == "multi-choice":
                if self.next is None or any(c.next for c in self.choices):
                    raise ValueError("a multi-choice question sets one `next` for the question")
            else:
                if self.next is not None:
                    raise ValueError("a question with choices sets `next` on each choice")
                if any(c.next is None for c in self.choices):
                    raise ValueError("every choice needs `next`")
        else:
            if self.choices:
                raise ValueError(f"a {self.type} question has no choices")
            if self.next is None:
                raise ValueError(f"a {self.type} question needs `next`")
        if self.optional and self.type != "text":
            raise ValueError("only text questions can be optional")
        return self

    def next_for(self, answer: object) -> str:
        """The node an answer leads to (the loader has checked that there is one)."""
        if isinstance(self.next, str):
            return self.next
        if isinstance(self.next, dict):
            return self.next[str(answer)]
        choice = next(c for c in self.choices if c.id == answer)
        assert choice.next is not None
        return choice.next

    def successors(self) -> list[str]:
        if isinstance(self.next, str):
            return [self.next]
        if isinstance(self.next, dict):
            return list(dict.fromkeys(self.next.values()))
        found = [c.next for c in self.choices if c.next]
        return found if len(set(found)) == len(found) else list(dict.fromkeys(found))


GroupMode = Literal["all", "one-of", "and-or", "each"]


_ONE_ROLE: dict[str, "RoleGroup"] = {}
"""Groups of one role, by its id (see `RoleGroup._one_role`)."""


class RoleGroup(FlowModel):
    """People named together: all of them, one of them, any of them (and/or), or each of
    them separately ("each": both parties write down their own recollections).

    An inner list inside an `and-or` or `all` group is "one of these", as in
    "the group leaders and/or the Chief Executive / Monitoring Officer".
    `condition` is the document's own qualifier, such as "if necessary".
    """

    mode: GroupMode = "all"
    roles: list[Id | list[Id]] = Field(min_length=1)
    condition: Text | None = None
    about: list[Id] = Field(default_factory=list)
    """Roles the condition speaks of: if one of them is a party to the matter, the plan says
    the document does not cover whether the condition is met."""

    @model_validator(mode="wrap")
    @classmethod
    def _one_role(cls, data: Any, handler: ModelWrapValidatorHandler["RoleGroup"]) -> "RoleGroup":
        """A lone role id (`actor: member`, the commonest form) is made once and shared: the
        groups are frozen, and making each again cost about 6 us, 16,000 times in 2,000 routes."""
        if not isinstance(data, str):
            return handler(data)
        return made_once(_ONE_ROLE, data, lambda: handler(data))

    @model_validator(mode="before")
    @classmethod
    def _short_forms(cls, data: Any) -> Any:
        """`x`, `{one_of: [..]}`, `{and_or: [..]}`, `{together: [..]}`, `{each: [..]}`,
        `{role: x, if: ..}`."""
        if isinstance(data, str):
            return {"roles": [data]}
        if not isinstance(data, dict):
            return data
        data = dict(data)
        if "if" in data:
            data["condition"] = data.pop("if")
        for key, mode in (
            ("one_of", "one-of"),
            ("and_or", "and-or"),
            ("together", "all"),
            ("each", "each"),
        ):
            if key in data:
                data["mode"], data["roles"] = mode, data.pop(key)
        if "role" in data:
            data["roles"] = [data.pop("role")]
        return data

    def role_ids(self) -> list[str]:
        out: list[str] = []
        for item in self.roles:
            out.extend(item if isinstance(item, list) else [item])
        return out


DeadlineRule = Literal[
    "working-days", "calendar-days", "weeks", "months", "as-soon-as-possible", "without-delay"
]
COUNTED_RULES = ("working-days", "calendar-days", "weeks", "months")
Firmness = Literal["firm", "ideally"]
"""How firm a time limit is: `firm` (the date is the limit) or `ideally` (the document says
"ideally", so the date is a target; plans show "ideally by" wherever the date is shown)."""


class Deadline(FlowModel):
    """A time limit, worded as the document words it.

    `counts_from` is "raised", an event of the route, or a date question.
    `counts_from_stated: false` records that the document does not say what the
    period counts from, and `unit_stated: false` that it does not say whether
    days are working or calendar days; the plan flags both as routewise's reading.
    `firmness: ideally` records the document's "ideally" as data, so every output that
    shows the date says "ideally by" without reading the wording.
    """

    rule: DeadlineRule
    count: int | None = Field(default=None, ge=0, le=366)
    wording: Text
    firmness: Firmness = "firm"
    counts_from: Id = "raised"
    counts_from_stated: bool = False
    unit_stated: bool = True

    @model_validator(mode="after")
    def _count(self) -> "Deadline":
        counted = self.rule in COUNTED_RULES
        if counted and self.count is None:
            raise ValueError(f"a {self.rule} deadline needs `count`")
        if not counted and self.count is not None:
            raise ValueError(f"an {self.rule} deadline has no `count`")
        return self


IfLeftOut = Literal["next-rung", "skip", "advice", "advice-before"]


class Step(FlowModel):
    """One action in a plan.

    A `rung` hands the matter to a new handler. When a step's actors are all
    conflicted, `if_left_out` says what happens: a rung moves to the next rung,
    `skip` drops the step, `advice` puts the Monitoring Officer advice in its place.
    Unset, a step nobody named can do gets `advice` (it still needs doing, and the
    document does not say by whom), and a step that only loses everyone it contacts gets
    `skip` (there is no one left to tell); set `skip` for a step that follows only from
    one left out (the record of a meeting that does not happen).
    `advice-before` is for a step whose actor acts on their own account ("then take the
    concern up with the officer's management"): when only its contacts are all ruled out,
    the step stays where the document puts it, with no contact, and the advice goes just
    before it; when nobody can act, it is `advice`.
    """

    id: Id
    actor: RoleGroup
    action: Text
    duty: Text | None = None
    """How strong the obligation is, in the document's own word: shall, should, may, can, will."""
    contacts: list[RoleGroup] = Field(default_factory=list)
    rung: bool = False
    if_left_out: IfLeftOut | None = None
    deadline: Deadline | None = None
    if_unresolved: Id | None = None
    when: dict[Id, list[Id]] = Field(default_factory=dict)
    note: Text | None = None
    may_follow: Text | None = None
    """Set where the document does not say whether this step follows in this case: why. The
    plan keeps the step, marked "may follow", with this text beside it."""
    source: Source

    @field_validator("actor", mode="before")
    @classmethod
    def _actor(cls, value: Any) -> Any:
        if isinstance(value, list):  # a bare list of actors means one of them acts
            return {"mode": "one-of", "roles": value}
        return value


class Outcome(FlowModel):
    """Where the answers lead: its steps, in order. An outcome the document does not cover
    (`not_covered`) may have no steps: its plan is then the general advice alone."""

    id: Id
    title: Text
    steps: list[Step] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)
    not_covered: Text | None = None
    """Set when the document does not cover this case: the plan adds the general advice."""
    advice_before: Id | None = None
    """With `not_covered`: the step the advice goes before (default: after the last step)."""

    @model_validator(mode="after")
    def _steps(self) -> "Outcome":
        if not self.steps and self.not_covered is None:
            from pydantic import ValidationError
            from pydantic_core import InitErrorDetails

            # As `min_length=1` reports it, at `steps`, so the message and line are the same.
            too_short = InitErrorDetails(
                type="too_short",
                loc=("steps",),
                input=self.steps,
                ctx={"field_type": "List", "min_length": 1, "actual_length": 0},
            )
            raise ValidationError.from_exception_data("Outcome", [too_short])
        return self


class Event(FlowModel):
    """Something that happens after the matter is raised and starts a period."""

    id: Id
    text: Text
    """How a plan names it: "the outcome is reached"."""
    question: Text
    """How the wizard asks for its date."""
    done_steps: list[Id] = Field(default_factory=list)
    """Steps this event's date shows are done, where the document's order makes it certain
    (an outcome is reached once the concern is addressed): given the date, the plan shows
    them done on it, and "Next" is the first step still to do. As a choice's `done_steps`."""


class SeeAlso(FlowModel):
    """A pointer to a related route: routewise's own, never the document's."""

    route: Id
    text: Text


class StandIn(FlowModel):
    """Someone who acts in a role's place on this route, as the document says.

    With `when`, the stand-in follows the answers, whether or not the role could act ("if
    the member belongs to no political group, the Mayor takes the Group Leader's place");
    without it, it follows the rule that a party never handles their own matter (the role
    is conflicted). `steps` limits it to those steps ("the Mayor stands in at this stage");
    without it, it covers every step of the route that names the role."""

    role: Id
    """The role stood in for."""
    stand_in: Id
    """Who acts instead."""
    when: dict[Id, list[Id]] = Field(default_factory=dict)
    """The answers that bring the stand-in in: question id -> choice ids (any of them)."""
    steps: list[Id] = Field(default_factory=list)
    """The steps it covers (default: every step naming the role)."""
    source: Source | None = None
    """Where the document names the stand-in: plans cite it with the change."""


DEFAULT_RAISED_LABEL = "Date raised"
"""What a plan calls the date a matter was raised, where the route does not say."""


class RouteTriage(FlowModel):
    """A route offering itself as a choice of the triage's first question, from its own file."""

    label: Text
    help: Text | None = None


class Route(FlowModel):
    id: Id
    title: Text
    summary: Text
    triage: RouteTriage | None = None
    """Offer this route in the triage's first question (a flow folder's routes use this)."""
    parties: list[Id] = Field(min_length=1)
    source: Source
    raised_prompt: Text = "When was the matter raised?"
    raised_label: Text = DEFAULT_RAISED_LABEL
    """What the plan calls the date `raised_prompt` asks for ("Date received"): the label in
    the plan, the timeline and the JSON's `raised_label` (its key stays `raised`)."""
    raised_step: Id | None = None
    """The step the date raised is the date of ("When did the member ask for the
    information?" is the date of asking): plans show that step as done on that date, and
    "Next" is the first step still to do."""
    start: Id
    questions: list[Question] = Field(default_factory=list)
    outcomes: list[Outcome] = Field(min_length=1)
    events: list[Event] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)
    see_also: list[SeeAlso] = Field(default_factory=list)
    general_advice: GeneralAdvice | None = None
    """Whom to ask where this route's document does not cover a case (a procedure the
    Monitoring Officer runs may name someone else); default: the triage's general advice."""
    stand_ins: list[StandIn] = Field(default_factory=list)
    """Who acts in a role's place on this route, when the answers say so or the role cannot
    act, at every step naming it or only at some (see `StandIn`)."""
    titles: dict[Id, Text] = Field(default_factory=dict)
    """How this route names a role where its usual title could mean either of two parties
    ("the member who made the criticism", where both parties are members)."""

    @property
    def own_raised_words(self) -> str | None:
        """`raised_words` where the route names its date its own way (`raised_label: Date
        received`), for messages that otherwise say "the date the matter was raised"."""
        return self.raised_words if self.raised_label != DEFAULT_RAISED_LABEL else None

    @property
    def raised_words(self) -> str:
        """The date raised as a sentence names it: "the date received"."""
        label = self.raised_label
        keep = label[1:2].isupper()  # "MO referral date" keeps its capitals
        return f"the {label if keep else label[:1].lower() + label[1:]}"

    def question(self, question_id: str) -> "Question | None":
        return self.question_index.get(question_id)

    def outcome(self, outcome_id: str) -> Outcome | None:
        return self.outcome_index.get(outcome_id)

    def event(self, event_id: str) -> Event | None:
        return next((e for e in self.events if e.id == event_id), None)

    @cached_property
    def question_index(self) -> dict[str, Question]:
        """Questions by id (the first, if an invalid file repeats one): built on first use."""
        return {q.id: q for q in reversed(self.questions)}

    @cached_property
    def outcome_index(self) -> dict[str, Outcome]:
        return {o.id: o for o in reversed(self.outcomes)}
