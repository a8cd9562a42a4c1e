"""Posts and roles: everyone a plan can name, and the rule that a party never handles
their own matter, as data.

A role names the post it is (`post`), whose post it is (`of`), and any other posts
that conflict it (`conflicted_when`); `routewise.model.policy.conflict` applies it.
"""

from pydantic import Field

from routewise.model.common import FlowModel, Id, Text
from routewise.model.documents import Source


class Post(FlowModel):
    id: Id
    label: Text
    help: Text | None = None
    one_holder: bool = False
    """Only one person holds it at a time (the Leader of the Council, the Chair of a meeting):
    a plan where two parties were said to hold it says the answers disagree."""


class PostSet(FlowModel):
    """The posts a kind of party can hold, asked once per party by one shared question.

    `ranked` posts are listed junior first: a party conflicts a role whose post
    they hold or are senior to. `multiple` lets a party hold several posts (a
    member can lead a group and chair a meeting); none means an ordinary holder.
    """

    id: Id
    question: Text
    """The question, with {party} standing for the party's title."""
    help: Text | None = None
    ranked: bool = False
    multiple: bool = False
    none_label: Text | None = None
    """For `multiple` sets: what choosing none of them means, e.g. "None of these"."""
    posts: list[Post] = Field(min_length=1)

    def rank(self, post_id: str) -> int:
        return [p.id for p in self.posts].index(post_id)


class Role(FlowModel):
    """Someone a plan names: a party, a post, or a post relative to a party."""

    id: Id
    title: Text
    party: bool = False
    posts: Id | None = None
    """For a party: the post set its post is asked from."""
    post: Id | None = None
    """The post this role is; a party who holds it (or, if ranked, is senior to it) conflicts it."""
    of: Id | None = None
    """Only this party's post counts, e.g. the officer's own Head of Service."""
    conflicted_when: dict[Id, list[Id]] = Field(default_factory=dict)
    """Other conflicts: party id -> posts that conflict this role."""
    stand_in: Id | None = None
    """Who acts instead when this role is conflicted, if a document names someone."""
    stand_in_source: Source | None = None
    description: Text | None = None
    contact: bool = True
    """A council can name one person for this role in its config (`config init` offers it).
    False for a role that is not one fixed person: you, either party, other members, a
    committee, whoever chairs the meeting. A party, or a role `of` a party, never is."""

    @property
    def named_in_config(self) -> bool:
        """Whether the config may name this role's contact: one fixed person, not the case's."""
        return self.contact and not self.party and not self.of


class RolesFile(FlowModel):
    post_sets: list[PostSet] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
