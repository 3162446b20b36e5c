"""Correct: data kept as a numpy float64, sub and div as their own nodes, an explicit
iterative post-order."""
import numpy as np


class Value:
    def __init__(self, data, parents=(), backward=None):
        self.data = np.float64(data)
        self.grad = 0.0
        self.parents = parents
        self.backward_fn = backward

    def _node(self, data, parents, rule):
        out = Value(data, parents)

        def fn():
            for parent, slope in zip(parents, rule()):
                parent.grad += slope * out.grad
        out.backward_fn = fn
        return out

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return self._node(self.data + other.data, (self, other), lambda: (1.0, 1.0))

    __radd__ = __add__

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return self._node(self.data * other.data, (self, other),
                          lambda: (other.data, self.data))

    __rmul__ = __mul__

    def __sub__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return self._node(self.data - other.data, (self, other), lambda: (1.0, -1.0))

    def __rsub__(self, other):
        return Value(other) - self

    def __truediv__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return self._node(self.data / other.data, (self, other),
                          lambda: (1.0 / other.data, -self.data / other.data ** 2))

    def __rtruediv__(self, other):
        return Value(other) / self

    def __neg__(self):
        return self._node(-self.data, (self,), lambda: (-1.0,))

    def __pow__(self, k):
        return self._node(self.data ** k, (self,), lambda: (k * self.data ** (k - 1),))

    def exp(self):
        e = np.exp(self.data)
        return self._node(e, (self,), lambda: (e,))

    def log(self):
        return self._node(np.log(self.data), (self,), lambda: (1.0 / self.data,))

    def tanh(self):
        t = np.tanh(self.data)
        return self._node(t, (self,), lambda: (1.0 - t ** 2,))

    def relu(self):
        return self._node(max(self.data, 0.0), (self,), lambda: (float(self.data > 0),))

    def backward(self):
        order, visited, stack = [], set(), [(self, iter(self.parents))]
        visited.add(id(self))
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                order.append(node)
                stack.pop()
            elif id(nxt) not in visited:
                visited.add(id(nxt))
                stack.append((nxt, iter(nxt.parents)))
        self.grad = 1.0
        for node in reversed(order):
            if node.backward_fn is not None:
                node.backward_fn()
