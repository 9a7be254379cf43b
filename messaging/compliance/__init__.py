"""Amazon Communication Guidelines checker for buyer messages.

Pure Python on purpose: the template editor calls it while the seller types and
the sender calls it again on the rendered message, so it needs no database and
no Django. `check_message` returns findings with exact character offsets into
the subject or the body, so the editor can highlight the offending text.

Template placeholders ({{ order_id }}, {{ feedback_page_url }}, {% if %} ...)
are blanked out (same length, spaces) before the text rules run: what they
render to is Amazon's own data, never the seller's wording. The order-id rule
is the one rule that looks at them, since {{ order_id }} satisfies it.

The word lists cover en, de, fr, es, it and ja. A message is checked with the
lists of its own language plus English (sellers mix English words such as
"Instagram" or "coupon" into every language); an unknown language gets them all.

Layout, each module importing only the ones above it:
  model.py    Severity, MessageKind, Message, Finding, Rule
  lexicon.py  the word tables, patterns and emoji ranges (data only)
  text.py     placeholder masking, sentence splitting, word-table matching
  rules.py    one function per rule, yielding the spans it flags
  learned.py  the learned check: a model per meaning rule, scored in pure Python
              (trained offline by scripts/train_learned_check.py into learned_model.json)
  checker.py  RULES, check_message and is_blocked
Code outside the package imports from here: the names below are its API.
"""

from .checker import RULES, RULES_BY_ID, check_message, is_blocked, rule_titles
from .model import Finding, Message, MessageKind, Rule, Severity

__all__ = [
    "RULES",
    "RULES_BY_ID",
    "Finding",
    "Message",
    "MessageKind",
    "Rule",
    "Severity",
    "check_message",
    "is_blocked",
    "rule_titles",
]
