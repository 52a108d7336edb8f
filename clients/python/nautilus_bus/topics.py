"""Topics and topic patterns, with the rules of the Java bus (``Topics.java``, ``TopicPattern.java``).

A topic is a dotted name such as ``market_data.trade.BTCUSD``: non-empty, no empty segment (no
leading, trailing or doubled dot), no whitespace or control character, no ``*`` or ``?``.

A pattern matches topics with NautilusTrader's wildcards: ``*`` matches any run of characters,
dots included (also the empty run), ``?`` exactly one character; every other character matches
itself. Java counts characters in UTF-16 units, this module in code points: the two differ only
for characters outside the Basic Multilingual Plane matched by ``?``.
"""

import unicodedata

# What java.lang.Character.isWhitespace accepts besides the space separators: the ASCII controls
# TAB..CR and the four information separators. Its space separators exclude the no-break ones.
_JAVA_CONTROL_WHITESPACE = frozenset("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f")
_NO_BREAK_SPACES = frozenset("\u00a0\u2007\u202f")


def _java_is_whitespace(c):
    if c in _JAVA_CONTROL_WHITESPACE:
        return True
    return unicodedata.category(c) in ("Zs", "Zl", "Zp") and c not in _NO_BREAK_SPACES


def _forbidden(c):
    """Whitespace or a control character, as the Java side refuses in topics and patterns."""
    return c <= " " or _java_is_whitespace(c)


def topic_problem(topic):
    """What is wrong with a topic, or None when it is valid (the Java bus's wording)."""
    if not isinstance(topic, str) or not topic:
        return "it is empty"
    previous = "."
    for i, c in enumerate(topic):
        if c == "." and previous == ".":
            return "empty segment at index %d" % i
        if c in "*?":
            return "wildcard '%s' at index %d (wildcards belong in patterns)" % (c, i)
        if _forbidden(c):
            return "whitespace or control character at index %d" % i
        previous = c
    if previous == ".":
        return "it ends with a dot"
    return None


def is_valid_topic(topic):
    """Whether the Java bus would accept the topic."""
    return topic_problem(topic) is None


def require_valid_topic(topic):
    """Returns the topic when valid; raises ValueError saying what is wrong otherwise."""
    problem = topic_problem(topic)
    if problem is not None:
        raise ValueError("invalid topic '%s': %s" % (topic, problem))
    return topic


class TopicPattern:
    """A compiled topic pattern; ``matches(topic)`` allocates nothing and never backtracks exponentially."""

    __slots__ = ("pattern", "_kind", "_literal")

    def __init__(self, pattern):
        if not isinstance(pattern, str) or not pattern:
            raise ValueError("topic pattern is empty")
        for i, c in enumerate(pattern):
            if _forbidden(c):
                raise ValueError("invalid topic pattern '%s': whitespace or control character at index %d"
                                 % (pattern, i))
        self.pattern = pattern
        star = pattern.find("*")
        has_question = "?" in pattern
        if star < 0 and not has_question:
            self._kind, self._literal = "exact", pattern
        elif pattern == "*":
            self._kind, self._literal = "any", ""
        elif not has_question and star == len(pattern) - 1:
            self._kind, self._literal = "prefix", pattern[:-1]
        else:
            self._kind, self._literal = "glob", pattern

    def matches(self, topic):
        """Whether the topic matches this pattern."""
        kind = self._kind
        if kind == "exact":
            return topic == self._literal
        if kind == "any":
            return True
        if kind == "prefix":
            return topic.startswith(self._literal)
        return _glob(self._literal, topic)

    def __eq__(self, other):
        return isinstance(other, TopicPattern) and other.pattern == self.pattern

    def __hash__(self):
        return hash(self.pattern)

    def __repr__(self):
        return "TopicPattern(%r)" % self.pattern


def _glob(pattern, text):
    """Iterative wildcard match revisiting only the most recent star: linear in practice."""
    p = t = 0
    star_at = -1
    resume = 0
    p_len, t_len = len(pattern), len(text)
    while t < t_len:
        if p < p_len:
            pc = pattern[p]
            if pc == "*":
                star_at = p
                p += 1
                resume = t
                continue
            if pc == "?" or pc == text[t]:
                p += 1
                t += 1
                continue
        if star_at < 0:
            return False
        p = star_at + 1
        resume += 1
        t = resume
    while p < p_len and pattern[p] == "*":
        p += 1
    return p == p_len
