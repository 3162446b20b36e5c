"""Correct: each node stores (parent, local derivative) pairs; backward uses Kahn's algorithm
(a node is processed once every node that uses it has been)."""
import math
from collections import deque


class Value:
    __slots__ = ("data", "grad", "edges")

    def __init__(self, data, edges=()):
        self.data = float(data)
        self.grad = 0.0
        self.edges = tuple(edges)  # (parent, ∂self/∂parent)

    @staticmethod
    def lift(x):
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, o):
        o = Value.lift(o)
        return Value(self.data + o.data, [(self, 1.0), (o, 1.0)])

    def __radd__(self, o):
        return Value.lift(o) + self

    def __sub__(self, o):
        o = Value.lift(o)
        return Value(self.data - o.data, [(self, 1.0), (o, -1.0)])

    def __rsub__(self, o):
        return Value.lift(o) - self

    def __mul__(self, o):
        o = Value.lift(o)
        return Value(self.data * o.data, [(self, o.data), (o, self.data)])

    def __rmul__(self, o):
        return Value.lift(o) * self

    def __truediv__(self, o):
        o = Value.lift(o)
        return Value(self.data / o.data, [(self, 1.0 / o.data), (o, -self.data / o.data ** 2)])

    def __rtruediv__(self, o):
        return Value.lift(o) / self

    def __neg__(self):
        return Value(-self.data, [(self, -1.0)])

    def __pow__(self, k):
        return Value(self.data ** k, [(self, k * self.data ** (k - 1))])

    def exp(self):
        e = math.exp(self.data)
        return Value(e, [(self, e)])

    def log(self):
        return Value(math.log(self.data), [(self, 1.0 / self.data)])

    def tanh(self):
        t = math.tanh(self.data)
        return Value(t, [(self, 1.0 - t * t)])

    def relu(self):
        return Value(self.data if self.data > 0 else 0.0, [(self, 1.0 if self.data > 0 else 0.0)])

    def backward(self):
        users = {}
        stack, seen = [self], {id(self)}
        while stack:
            node = stack.pop()
            for parent, _ in node.edges:
                users[id(parent)] = users.get(id(parent), 0) + 1
                if id(parent) not in seen:
                    seen.add(id(parent))
                    stack.append(parent)
        self.grad = 1.0
        ready = deque([self])
        while ready:
            node = ready.popleft()
            for parent, local in node.edges:
                parent.grad += local * node.grad
                users[id(parent)] -= 1
                if users[id(parent)] == 0:
                    ready.append(parent)
