"""Display-time clean-up of stray LaTeX in lesson prose.

Lesson text is written in Unicode math already; this turns the simple TeX that
slips through (``\\sum``, ``\\partial``, ``x^2``, ``\\|x\\|``) into Unicode so the
terminal shows math rather than markup. Code spans and fenced blocks are left alone.
"""

from __future__ import annotations

import re

SYMBOLS: dict[str, str] = {
    "sum": "∑", "prod": "∏", "int": "∫", "partial": "∂", "nabla": "∇", "infty": "∞",
    "sqrt": "√", "cdot": "·", "times": "×", "div": "÷", "pm": "±", "leq": "≤", "le": "≤",
    "geq": "≥", "ge": "≥", "neq": "≠", "ne": "≠", "approx": "≈", "sim": "∼", "equiv": "≡",
    "propto": "∝", "in": "∈", "notin": "∉", "subset": "⊂", "subseteq": "⊆", "cup": "∪",
    "cap": "∩", "forall": "∀", "exists": "∃", "to": "→", "rightarrow": "→",
    "leftarrow": "←", "Rightarrow": "⇒", "implies": "⇒", "iff": "⇔", "mapsto": "↦",
    "ldots": "…", "cdots": "⋯", "dots": "…", "top": "ᵀ", "circ": "∘", "odot": "⊙",
    "otimes": "⊗", "langle": "⟨", "rangle": "⟩", "lVert": "‖", "rVert": "‖", "mid": "|",
    "log": "log", "ln": "ln", "exp": "exp", "min": "min", "max": "max", "arg": "arg",
    "det": "det", "tr": "tr", "quad": " ", "qquad": "  ", ",": " ", ";": " ", "!": "",
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ",
    "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ",
    "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ",
    "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ",
    "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
}
BLACKBOARD = {"R": "ℝ", "N": "ℕ", "Z": "ℤ", "Q": "ℚ", "C": "ℂ", "E": "𝔼", "P": "ℙ"}
SUPERSCRIPT = dict(zip("0123456789+-=()nixTtkj", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱˣᵀᵗᵏʲ", strict=True))
SUBSCRIPT = dict(zip("0123456789+-=()aeijknmtxohlpsvru", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑᵢⱼₖₙₘₜₓₒₕₗₚₛᵥᵣᵤ",
                     strict=True))

_CODE = re.compile(r"(```.*?```|~~~.*?~~~|`[^`\n]*`)", re.DOTALL)
_FRAC = re.compile(r"\\[dt]?frac\{([^{}]*)\}\{([^{}]*)\}")
_WRAPPER = re.compile(
    r"\\(?:mathbf|mathrm|boldsymbol|text|operatorname|mathit|vec|hat)\{([^{}]*)\}"
)
_SQRT = re.compile(r"\\sqrt\{([^{}]*)\}")
_SIZING = re.compile(r"\\(?:left|right|big|Big|bigg|Bigg)(?![A-Za-z])")
_BB = re.compile(r"\\mathbb\{([A-Z])\}")
_COMMAND = re.compile(r"\\([A-Za-z]+|[,;!])")
_PREFIX_OPS = re.compile(r"\\(partial|nabla|sqrt) (?=\w)")
_SUP = re.compile(r"\^(\{[^{}]*\}|[0-9A-Za-z+\-])")
_SUB = re.compile(
    r"(?<=\S)_(\{[^{}]*\})"  # x_{ij}, \sum_{i=1}
    r"|(?:(?<!\w[A-Za-z])(?<=[A-Za-z])|(?<=[‖)\]∇∂∑∏]))_([0-9]|[a-z])(?!\w)"  # x_1, x_i, ‖x‖_2
)
_DOLLARS = re.compile(r"\$\$(.+?)\$\$|\$([^$\n]+?)\$", re.DOTALL)
_MATHY = re.compile(r"[\\^_{}=]")


def _scripted(body: str, table: dict[str, str], mark: str) -> str:
    inner = body[1:-1] if body.startswith("{") else body
    if inner and all(ch in table for ch in inner):
        return "".join(table[ch] for ch in inner)
    return f"{mark}({inner})" if len(inner) > 1 else f"{mark}{inner}"


def _frac(match: re.Match[str]) -> str:
    num, den = match.group(1), match.group(2)
    return f"{_group(num)}/{_group(den)}"


def _group(term: str) -> str:
    return f"({term})" if re.search(r"[\s+\-/]", term.strip()) else term.strip()


def _command(match: re.Match[str]) -> str:
    return SYMBOLS.get(match.group(1), match.group(0))


def _dollars(match: re.Match[str]) -> str:
    inner = match.group(1) if match.group(1) is not None else match.group(2)
    return inner if _MATHY.search(inner) or len(inner.strip()) <= 2 else match.group(0)


def convert_math(text: str) -> str:
    """Turn simple TeX in ``text`` (outside code) into Unicode."""
    if "\\" not in text and "^" not in text and "_" not in text and "$" not in text:
        return text
    parts = _CODE.split(text)
    for i in range(0, len(parts), 2):  # even parts are prose, odd parts are code
        parts[i] = _convert_prose(parts[i])
    return "".join(parts)


def _convert_prose(text: str) -> str:
    text = _DOLLARS.sub(_dollars, text)
    text = _SIZING.sub("", text.replace("\\|", "‖"))
    text = text.replace("^{\\top}", "ᵀ").replace("^\\top", "ᵀ")
    text = text.replace("\\{", "{").replace("\\}", "}")
    text = _BB.sub(lambda m: BLACKBOARD.get(m.group(1), m.group(1)), text)
    text = _WRAPPER.sub(r"\1", text)
    text = _PREFIX_OPS.sub(lambda m: SYMBOLS[m.group(1)], text)
    text = _SQRT.sub(lambda m: "√" + _group(m.group(1)), text)
    text = _FRAC.sub(_frac, text)
    text = _COMMAND.sub(_command, text)
    text = _SUB.sub(lambda m: _scripted(m.group(1) or m.group(2), SUBSCRIPT, "_"), text)
    text = _SUP.sub(lambda m: _scripted(m.group(1), SUPERSCRIPT, "^"), text)
    return text
