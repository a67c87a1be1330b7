"""Money as plans write it: '12.400,00 EUR', '12 400 €', 'EUR 12,400', '€1.2m', '3,7 Mio. Euro',
'15.600 euro all'anno', '9 000 € par an (27 000 € sur trois ans)', 'SEK 2 000 000'.

An amount keeps its currency (a plan in kronor is never shown as euros); an amount per unit
('€ 1.522 /t CO₂', '40 € per participant') is not part of the action's cost; a stated total wins
over a yearly figure, and a yearly figure alone is kept as per year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .words import Words, normal

CURRENCIES = {
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "evro": "EUR", "evrov": "EUR", "ευρώ": "EUR",
    "sek": "SEK", "kr": "kr", "dkk": "DKK", "huf": "HUF", "ft": "HUF", "forint": "HUF", "ron": "RON",
    "lei": "RON", "£": "GBP", "gbp": "GBP", "chf": "CHF", "pln": "PLN", "zł": "PLN", "czk": "CZK",
    "rsd": "RSD", "bam": "BAM", "$": "USD", "usd": "USD",
}  # fmt: skip
# Longest first, so 'euros' is not read as 'euro' + 's'; a word currency ends at a word's end.
_CURRENCY = "|".join(
    re.escape(c) + ("" if not c[0].isalpha() else r"(?![a-zà-ž])")
    for c in sorted(CURRENCIES, key=len, reverse=True)
)
_NUMBER = r"\d{1,3}(?:[ \u202f\u00a0.,'’]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?"
_SCALE = r"(?:\s*(?P<scale>mio\.?|million[s]?|millions?|milioni?|millones?|milhões|milhão|mrd\.?|bn|billion|m|k|mln\.?|mil|tsd\.?|thousand))?"
_AMOUNT = re.compile(
    rf"(?:(?P<c1>{_CURRENCY})\s*(?P<n1>{_NUMBER}){_SCALE.replace('scale', 's1')})"
    rf"|(?:(?P<n2>{_NUMBER}){_SCALE.replace('scale', 's2')}\s*(?P<c2>{_CURRENCY}))",
    re.IGNORECASE,
)
_SCALES = {
    "m": 1e6, "mio": 1e6, "million": 1e6, "millions": 1e6, "milione": 1e6, "milioni": 1e6, "millones": 1e6,
    "millón": 1e6, "milhões": 1e6, "milhão": 1e6, "mln": 1e6, "k": 1e3, "mil": 1e3, "tsd": 1e3,
    "thousand": 1e3, "mrd": 1e9, "bn": 1e9, "billion": 1e9,
}  # fmt: skip


@dataclass(frozen=True)
class Amount:
    value: float
    currency: str
    kind: str  # "total", "per_year", "per_unit" or "plain"
    text: str  # as written

    @property
    def shown(self) -> str:
        value = int(self.value) if float(self.value).is_integer() else round(self.value, 2)
        return f"{value:,} {self.currency}".replace(",", " ")


def number(written: str, scaled: bool = False) -> float | None:
    """'9.800,00' -> 9800, '3,000' -> 3000, '12 400' -> 12400, '12,50' -> 12.5, '1.2' -> 1.2
    (scaled: '1.2m', '3,7 Mio.' keep their decimals)."""
    digits = re.sub(r"[\s\u202f\u00a0'’]", "", written)
    if "," in digits and "." in digits:
        decimal = "," if digits.rfind(",") > digits.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        digits = digits.replace(thousands, "").replace(decimal, ".")
    elif "," in digits or "." in digits:
        mark = "," if "," in digits else "."
        parts = digits.split(mark)
        if len(parts) == 2 and (len(parts[1]) in (1, 2) or scaled):
            digits = parts[0] + "." + parts[1]
        elif all(len(p) == 3 for p in parts[1:]):
            digits = "".join(parts)
        else:
            return None
    try:
        return float(digits)
    except ValueError:
        return None


def _after(text: str, end: int, words: tuple[str, ...], reach: int = 30) -> bool:
    following = normal(text[end : end + reach])
    return any(following.startswith(w) or following.startswith("(" + w) for w in words)


def amounts_in(text: str, words: Words) -> list[Amount]:
    found = []
    for match in _AMOUNT.finditer(text):
        written = match.group("n1") or match.group("n2")
        scale = (match.group("s1") or match.group("s2") or "").lower().rstrip(".")
        value = number(written, scaled=bool(scale))
        if value is None:
            continue
        currency_word = (match.group("c1") or match.group("c2")).lower()
        if scale == "m" and currency_word not in ("€", "$", "£") and not match.group("c1"):
            scale = ""  # '20 m EUR'? rare; 'm' after a number is metres more often than millions
        value *= _SCALES.get(scale, 1)
        rest = text[match.end() : match.end() + 40]
        if _after(text, match.end(), words.per_year):
            kind = "per_year"
        elif _after(text, match.end(), words.overall):
            kind = "total"
        elif re.match(r"\s*/\s*(?!\s*(?:year|an|anno|año|ano|év|leto|år)\b)\w", rest) or _after(
            text, match.end(), words.per_unit
        ):
            kind = "per_unit"
        else:
            kind = "plain"
        if kind == "plain" and re.search(
            r"\b(?:total|totale|gesamt|összesen|skupaj|i alt|ukupno)\b",
            normal(text[max(0, match.start() - 25) : match.start()]),
        ):
            kind = "total"
        found.append(Amount(round(value, 2), CURRENCIES[currency_word], kind, match.group(0).strip()))
    return found


@dataclass(frozen=True)
class Cost:
    """An action's cost as the plan states it. `value` None: no amount stated (unknown)."""

    value: float | None
    currency: str | None
    basis: str | None  # "plan_total" or "per_year"
    amounts: tuple[Amount, ...]
    undefined: bool  # the plan says it is to be defined

    def described(self) -> str:
        if self.value is None:
            return "to be defined in the plan" if self.undefined else "no amount stated"
        shown = Amount(self.value, self.currency or "", "plain", "").shown
        return shown + (" per year" if self.basis == "per_year" else "")


def cost_of(text: str, words: Words) -> Cost:
    """The cost stated in an action's cost text: a stated total wins; otherwise the yearly
    figure (kept per year); otherwise the amounts added up, in one currency. Per-unit amounts
    never count."""
    amounts = tuple(amounts_in(text, words))
    undefined = bool(words.undefined.found(text))
    counted = [a for a in amounts if a.kind != "per_unit"]
    if not counted:
        return Cost(None, None, None, amounts, undefined)
    totals = [a for a in counted if a.kind == "total"]
    yearly = [a for a in counted if a.kind == "per_year"]
    if totals:
        chosen, basis = [totals[-1]], "plan_total"
    elif yearly and len(yearly) == len(counted):
        chosen, basis = yearly, "per_year"
    else:
        chosen, basis = [a for a in counted if a.kind != "per_year"] or counted, "plan_total"
    currencies = {a.currency for a in chosen}
    if len(currencies) > 1:  # never added across currencies: the first one's amounts only
        first = chosen[0].currency
        chosen = [a for a in chosen if a.currency == first]
    value = sum(a.value for a in chosen)
    return Cost(round(value, 2), chosen[0].currency, basis, amounts, undefined)
