"""Buggy: backward recurses into each parent right after adding to its grad, without a
topological order, so a shared node passes its grad on before it is complete, and again
(with the earlier share counted twice) when the next path reaches it."""
import math


class Value:
    def __init__(self, data, parents=()):
        self.data = float(data)
        self.grad = 0.0
        self.parents = parents
        self.local = ()

    def _make(self, data, parents, local):
        out = Value(data, parents)
        out.local = local
        return out

    def __add__(self, o):
        o = o if isinstance(o, Value) else Value(o)
        return self._make(self.data + o.data, (self, o), (1.0, 1.0))

    def __mul__(self, o):
        o = o if isinstance(o, Value) else Value(o)
        return self._make(self.data * o.data, (self, o), (o.data, self.data))

    def __pow__(self, k):
        return self._make(self.data ** k, (self,), (k * self.data ** (k - 1),))

    def exp(self):
        e = math.exp(self.data)
        return self._make(e, (self,), (e,))

    def log(self):
        return self._make(math.log(self.data), (self,), (1 / self.data,))

    def tanh(self):
        t = math.tanh(self.data)
        return self._make(t, (self,), (1 - t * t,))

    def relu(self):
        return self._make(max(self.data, 0.0), (self,), (1.0 if self.data > 0 else 0.0,))

    def __neg__(self):
        return self * -1

    def __radd__(self, o):
        return self + o

    def __sub__(self, o):
        return self + (-o)

    def __rsub__(self, o):
        return (-self) + o

    def __rmul__(self, o):
        return self * o

    def __truediv__(self, o):
        return self * (o ** -1 if isinstance(o, Value) else 1 / o)

    def __rtruediv__(self, o):
        return (self ** -1) * o

    def backward(self, root=True):
        if root:
            self.grad = 1.0
        for parent, slope in zip(self.parents, self.local):
            parent.grad += slope * self.grad
            parent.backward(root=False)
