"""Read typed mathematics into a formula tree, by recursive descent. Nothing is evaluated.

Grammar (``^`` is right-associative and binds tighter than a leading minus):

    sum     := product (("+" | "-") product)*
    product := unary (("*" | "/") unary | implicit)*     implicit: 2z, 2(z+1), (a)(b)
    unary   := ("-" | "+") unary | power
    power   := postfix ("^" unary)?
    postfix := atom superscript*                         z², (1 + z)³, x⁻¹
    atom    := number | variable | constant | "(" sum ")" | "|" sum "|"
             | function "(" sum ("," sum)* ")" | function power

The text is bounded before it is read (length, characters), and the reading is
bounded as it goes (nesting) and after (nodes): hostile text costs little and
always ends in a :class:`FormulaError` that says what to write instead.
"""

from __future__ import annotations

from collections.abc import Collection

from tutor.lessons.formula.errors import FormulaError
from tutor.lessons.formula.lexer import Token, tokenize
from tutor.lessons.formula.nodes import FUNCTIONS, BinOp, Call, Const, Neg, Node, Num, Var, walk

MAX_CHARS = 500
MAX_NODES = 300
MAX_NESTING = 40
_ATOM_STARTS = {"num", "var", "const", "func", "(", "|"}


def check_text(text: str) -> None:
    """Refuse text too long, or holding control characters, before reading it."""
    if len(text) > MAX_CHARS:
        raise FormulaError(f"it is {len(text):,} characters long; a formula here can have "
                           f"at most {MAX_CHARS}")
    for i, char in enumerate(text):
        if (not char.isprintable() and not char.isspace()) or char in "\r\x0b\x0c":
            raise FormulaError(f"the control character U+{ord(char):04X} is not part of a "
                               "formula", i)


def parse_formula(text: str, variables: Collection[str]) -> Node:
    """The tree of ``text``, whose free names must be among ``variables``.

    Raises :class:`FormulaError` for anything that is not a formula in those variables."""
    check_text(text)
    if not text.strip():
        raise FormulaError("there is no formula yet")
    tokens = tokenize(text, variables)
    node = _Parser(tokens).parse()
    if len(walk(node)) > MAX_NODES:
        raise FormulaError(f"the formula has more than {MAX_NODES} parts; write it shorter")
    return node


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.nesting = 0
        self.bars = 0  # how many |...| are open: inside one, "|" closes it

    def peek(self) -> Token:
        return self.tokens[self.pos]

    def take(self) -> Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def is_op(self, *ops: str) -> bool:
        token = self.peek()
        return token.kind == "op" and token.text in ops

    def parse(self) -> Node:
        node = self.sum()
        token = self.peek()
        if token.kind != "end":
            raise FormulaError(_unexpected(token), token.at)
        return node

    def sum(self) -> Node:
        node = self.product()
        while self.is_op("+", "-"):
            op = self.take()
            node = BinOp(op.text, node, self.product(), op.at)
        return node

    def product(self) -> Node:
        node = self.unary()
        while True:
            token = self.peek()
            if self.is_op("*", "/"):
                self.take()
                node = BinOp(token.text, node, self.unary(), token.at)
            elif token.kind in _ATOM_STARTS and not (token.kind == "|" and self.bars):
                if token.kind == "num":
                    raise FormulaError(f"write * before the number {token.text} (a number "
                                       "comes first in a product, as in 2z)", token.at)
                node = BinOp("*", node, self.power(), token.at)
            else:
                return node

    def unary(self) -> Node:
        self.nesting += 1
        if self.nesting > MAX_NESTING:
            raise FormulaError(f"it is nested more than {MAX_NESTING} levels deep",
                               self.peek().at)
        try:
            if self.is_op("-"):
                at = self.take().at
                return Neg(self.unary(), at)
            if self.is_op("+"):
                self.take()
                return self.unary()
            return self.power()
        finally:
            self.nesting -= 1

    def power(self) -> Node:
        node = self.postfix()
        if self.is_op("^"):
            at = self.take().at
            node = BinOp("^", node, self.unary(), at)
        return node

    def postfix(self) -> Node:
        node = self.atom()
        while self.peek().kind == "sup":
            sup = self.take()
            node = BinOp("^", node, _signed_number(sup.value, sup.at), sup.at)
        return node

    def atom(self) -> Node:
        token = self.take()
        if token.kind == "num":
            return Num(token.value, token.at)
        if token.kind == "var":
            return Var(token.text, token.at)
        if token.kind == "const":
            return Const(token.text, token.at)
        if token.kind == "(":
            inner = self.sum()
            self.close(")", token)
            return inner
        if token.kind == "|":
            self.bars += 1
            inner = self.sum()
            self.close("|", token)
            self.bars -= 1
            return Call("abs", (inner,), token.at)
        if token.kind == "func":
            return self.call(token)
        raise FormulaError(_unexpected(token), token.at)

    def close(self, kind: str, opener: Token) -> None:
        token = self.peek()
        if token.kind != kind:
            what = "`(`" if kind == ")" else "`|`"
            raise FormulaError(f"the {what} at character {opener.at + 1} is never closed"
                               + ("" if token.kind == "end" else f"; {_unexpected(token)}"),
                               token.at)
        self.take()

    def call(self, func: Token) -> Node:
        arity = FUNCTIONS[func.text]
        if self.peek().kind != "(":
            if arity != 1:
                raise FormulaError(f"write {func.text}(a, b) with brackets", func.at)
            if self.peek().kind not in _ATOM_STARTS:
                raise FormulaError(f"{func.text} needs something to act on, like "
                                   f"{func.text}(z)", self.peek().at)
            return Call(func.text, (self.power(),), func.at)
        opener = self.take()
        if self.peek().kind == ")":
            raise FormulaError(f"write what {func.text} acts on inside the brackets, like "
                               f"{func.text}(z)", self.peek().at)
        args = [self.sum()]
        while self.peek().kind == ",":
            self.take()
            args.append(self.sum())
        self.close(")", opener)
        if arity is None and len(args) < 2:
            raise FormulaError(f"{func.text} needs two or more values, like "
                               f"{func.text}(a, b)", func.at)
        if func.text == "log" and len(args) == 2:  # math.log(x, base): ln(x)/ln(base)
            return BinOp("/", Call("log", args[:1], func.at), Call("log", args[1:], func.at),
                         func.at)
        if arity is not None and len(args) != arity:
            raise FormulaError(f"{func.text} takes one value, not {len(args)}", func.at)
        return Call(func.text, tuple(args), func.at)


def _signed_number(value: float, at: int) -> Node:
    return Neg(Num(-value, at), at) if value < 0 else Num(value, at)


def _unexpected(token: Token) -> str:
    if token.kind == "end":
        return "the formula ends too early"
    if token.kind == ")":
        return "there is a `)` with no `(` before it"
    if token.kind == ",":
        return "a `,` only separates the values of max(a, b) or min(a, b)"
    if token.kind == "sup":
        return f"`{token.text}` needs something before it to raise to that power"
    if token.kind == "op":
        return f"`{token.text}` needs a value before it"
    return f"`{token.text}` is not expected here"
