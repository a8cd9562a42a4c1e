"""A route's decision tree as numbered nodes, for the checks that walk it.

Every walk of the checks (what the start reaches, loops, questions with no way out,
whether a date is asked on every path) used to look each question up by its id in
dicts and sets, several times an answer. At 100,000 questions those tables no longer
fit the processor's cache and the checks took 26x the time of 10,000. Here each id
is looked up once, when the graph is made, and the walks use list positions.

Nodes are the questions in file order, then the outcomes. A question's successors
are `targets[starts[i]:starts[i + 1]]` (one flat list: a list per question cost
about 64 bytes each at 100,000 questions). An id written twice keeps its last
question, as a dict from id to question would; the loader reports the repeat.
"""

from __future__ import annotations

from routewise.model.route import Route


class RouteGraph:
    """The numbered graph of one route; `dangling` holds questions with an unknown target."""

    __slots__ = ("dangling", "ids", "index", "questions", "starts", "targets")

    def __init__(self, route: Route) -> None:
        questions = route.questions
        self.questions = len(questions)
        self.ids = [q.id for q in questions] + [o.id for o in route.outcomes]
        index: dict[str, int] = {}
        for position in range(len(self.ids) - 1, self.questions - 1, -1):
            index.setdefault(self.ids[position], position)  # the first outcome of an id
        for position, question in enumerate(questions):
            index[question.id] = position  # a question before an outcome of the same id
        self.index = index
        starts = [0]
        targets: list[int] = []
        dangling: set[int] = set()
        for position, question in enumerate(questions):
            for target in question.successors():
                found = index.get(target)
                if found is None:
                    dangling.add(position)
                else:
                    targets.append(found)
            starts.append(len(targets))
        self.starts = starts
        self.targets = targets
        self.dangling = dangling

    def successors(self, node: int) -> list[int]:
        if node >= self.questions:
            return []
        return self.targets[self.starts[node] : self.starts[node + 1]]

    def node(self, node_id: str) -> int | None:
        return self.index.get(node_id)

    def reached_from(self, start: int, without: int = -1) -> bytearray:
        """A flag per node: reached from `start`, never passing through `without`."""
        reached = bytearray(len(self.ids))
        if start == without:
            return reached
        reached[start] = 1
        stack = [start]
        starts, targets, questions = self.starts, self.targets, self.questions
        while stack:
            node = stack.pop()
            if node >= questions:
                continue
            for k in range(starts[node], starts[node + 1]):
                target = targets[k]
                if not reached[target] and target != without:
                    reached[target] = 1
                    stack.append(target)
        return reached

    def has_loop(self, reached: bytearray) -> bool:
        """Whether the reached nodes hold a loop: take away every node with nothing leading
        to it, again and again (Kahn); what cannot be taken away is on a loop."""
        starts, targets = self.starts, self.targets
        waiting = [0] * len(self.ids)
        live = [node for node in range(self.questions) if reached[node]]
        for node in live:
            for k in range(starts[node], starts[node + 1]):
                waiting[targets[k]] += 1
        free = [node for node in live if waiting[node] == 0]
        removed = 0
        while free:
            node = free.pop()
            removed += 1
            for k in range(starts[node], starts[node + 1]):
                target = targets[k]
                waiting[target] -= 1
                if waiting[target] == 0 and target < self.questions:
                    free.append(target)
        return removed < len(live)

    def can_finish(self) -> bytearray:
        """A flag per node: some answers from it reach an outcome (walked backwards)."""
        total = len(self.ids)
        first_in = [-1] * total
        more_in: dict[int, list[int]] = {}  # most nodes have one way in: no list for them
        starts, targets = self.starts, self.targets
        for node in range(self.questions):
            for k in range(starts[node], starts[node + 1]):
                target = targets[k]
                if first_in[target] < 0:
                    first_in[target] = node
                else:
                    more_in.setdefault(target, []).append(node)
        finished = bytearray(total)
        stack = list(range(self.questions, total))
        for node in stack:
            finished[node] = 1
        while stack:
            node = stack.pop()
            first = first_in[node]
            if first < 0:
                continue
            for source in (first, *more_in.get(node, ())):
                if not finished[source]:
                    finished[source] = 1
                    stack.append(source)
        return finished
