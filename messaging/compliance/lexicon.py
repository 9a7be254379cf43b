"""What the rules look for, data only: the per-language word tables, the patterns that
need no language (links, addresses, numbers, subjects, shouting) and the emoji ranges.
The code that uses them is in rules.py, and in checker.py for the order-id check.

Each word table maps a language code in LANGUAGES to one compiled pattern, the
alternatives listed for that language joined. Which languages a message is checked
in is decided in checker.py.
"""

import re
from collections.abc import Iterable

LANGUAGES = ("en", "de", "fr", "es", "it", "ja")


def _alternatives(pattern: str) -> list[str]:
    """The pattern's top-level alternatives ("a|b(c|d)" -> ["a", "b(c|d)"])."""
    parts, depth, in_class, start, index = [], 0, False, 0, 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if pattern[index + 1 : index + 2] == "^":
                index += 1
            if pattern[index + 1 : index + 2] == "]":
                index += 1  # a "]" first in a class is a literal
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:index])
            start = index + 1
        index += 1
    parts.append(pattern[start:])
    return parts


def _joined(patterns: Iterable[str], *, ordered: bool = True) -> str:
    """The alternatives in their order, runs of those that start at a word boundary put under
    one leading \\b: the engine then tests the boundary once per position instead of once per
    alternative (the same matches, several times faster on long tables). ordered=False (a table
    only asked whether it matches, never where) puts all word-boundary alternatives first, in one run."""
    alternatives = [alternative for pattern in patterns for alternative in _alternatives(pattern)]
    if not ordered:
        alternatives.sort(key=lambda alternative: not alternative.startswith("\\b"))
    groups: list[tuple[bool, list[str]]] = []
    for alternative in alternatives:
        bounded = alternative.startswith("\\b")
        body = alternative[2:] if bounded else alternative
        if groups and groups[-1][0] == bounded:
            groups[-1][1].append(body)
        else:
            groups.append((bounded, [body]))
    return "|".join(
        ("\\b(?=\\w)" if bounded else "") + "(?:" + "|".join(f"(?:{body})" for body in bodies) + ")"
        for bounded, bodies in groups
    )


def _table(
    entries: dict[str, Iterable[str]], flags: int = re.IGNORECASE, *, ordered: bool = True
) -> dict[str, re.Pattern]:
    """ordered=False for a table only used to ask whether a text matches (matches_any)."""
    return {lang: re.compile(_joined(patterns, ordered=ordered), flags) for lang, patterns in entries.items()}


# --- incentive -------------------------------------------------------------------------------

INCENTIVE_WORDS = _table(
    {
        "en": [
            r"\bdiscount(?:s|ed)?\b",
            r"\bcoupons?\b",
            r"\bpromo(?:tion(?:al)?)?[\s-]*codes?\b",
            r"\bvouchers?\b",
            r"\bgift[\s-]*(?:cards?|certificates?)\b",
            r"\bfree\s+(?:(?:bonus|extra|mystery|surprise)\s+)?(?:products?|items?|gifts?|samples?|e-?books?|bonus|accessor(?:y|ies))\b",
            r"\b(?:small|little|special|thank[\s-]you|free)\s+gifts?\b",
            r"\bbonus\s+(?:gifts?|items?|products?|accessor(?:y|ies)|samples?)\b",
            r"\bgifts?\s+for\s+you\b",
            r"\bcash[\s-]?back\b",
            r"\brebates?\b",
            r"\bstore\s+credit\b",
            r"\d+(?:[.,]\d+)?\s*%\s*off\b",
            r"\b(?:ten|fifteen|twenty|twenty-five|thirty|forty|fifty)\s+(?:percent|per\s+cent)\s+off\b",
            r"(?<![\w.,])[-−]\s?\d+(?:[.,]\d+)?\s?%",
            r"\b(?:use|with|enter|apply)\s+(?:the\s+|our\s+)?code\s+(?-i:(?=[A-Z0-9]*[A-Z])[A-Z0-9]{4,})\b",
            r"\b(?:giveaways?|sweepstakes|raffles?|(?:prize|monthly|weekly|lucky)\s+draws?)\b",
            r"\blucky\s+(?:customers?|winners?|buyers?)\b|\bwinners?\s+(?:are|will\s+be)\s+(?:notified|drawn|picked|chosen)\b|"
            r"\b(?:is|are|be|get|gets)\s+entered\s+(?:automatically|into|in)\b",
        ],
        "de": [
            r"\b\w*gutschein\w*",
            r"\b\w*rabatt\w*",
            r"\bmit\s+(?:dem\s+)?Code\s+(?-i:(?=[A-Z0-9]*[A-Z])[A-Z0-9]{4,})\b",
            r"\bPreisnachlass\w*",
            r"\b(?:Promo|Aktions|Gutschein)[\s-]?codes?\b",
            r"\bgratis[\s-]*(?:Produkte?|Artikel|Geschenke?|Proben?|Muster)\b",
            r"\bGratis(?:produkt|artikel|geschenk|probe)\w*",
            r"\bkostenlose[nmrs]?\s+(?:Produkte?|Artikel|Geschenke?|Proben?|Muster|Zugabe)\b",
            r"\b(?:kleine[ns]?|Dankeschön)[\s-]*Geschenk\w*",
            r"\bGeschenk\s+für\s+Sie\b",
            r"\bGeschenkkarte\w*",
            r"\b(?:Gewinnspiel|Verlosung)\w*",
        ],
        "fr": [
            r"\bréductions?\b",
            r"\bremises?\s+de\s+\d",
            r"\bavec\s+le\s+code\s+(?-i:(?=[A-Z0-9]*[A-Z])[A-Z0-9]{4,})\b",
            r"\d+\s*%\s*de\s+(?:réduction|remise)",
            r"\bcodes?\s+(?:promo(?:tionnel)?s?|de\s+réduction|réduction)\b",
            r"\bbons?\s+(?:d['’]achat|de\s+réduction)",
            r"\bbons?\s+de\s+\d",
            r"\bcoupons?\b",
            r"\b(?:cartes?|chèques?)[\s-]+cadeaux?\b",
            r"\b(?:produits?|articles?|échantillons?|cadeaux?)\s+(?:gratuits?|offerts?)\b",
            r"\b(?:petit|un\s+petit)\s+cadeau\b|\bcadeau\s+pour\s+vous\b|\ben\s+cadeau\b",
            r"\b(?:concours|tirage\s+au\s+sort)\b",
        ],
        "es": [
            r"\bdescuentos?\b",
            r"\bcon\s+el\s+c[oó]digo\s+(?-i:(?=[A-Z0-9]*[A-Z])[A-Z0-9]{4,})\b",
            r"\bcup[oó]n(?:es)?\b",
            r"\bc[oó]digos?\s+(?:promocional(?:es)?|de\s+descuento|promo)\b",
            r"\bvales?\s+(?:de\s+(?:descuento|compra|regalo)|regalo)\b",
            r"\bvales?\s+(?:de|por)\s+\d",
            r"\b(?:tarjetas?|cheques?)\s+regalo\b",
            r"\b(?:productos?|art[ií]culos?|muestras?)\s+(?:gratis|gratuit[oa]s?)\b",
            r"\b(?:pequeño|peque[ñn]o)\s+regalo\b|\bregalo\s+para\s+usted\b",
            r"\b(?:le|te|les)\s+regal(?:aremos|amos|ar[eé])\b",
            r"\bsorteos?\b|\bsorte(?:amos|aremos|ar)\b",
        ],
        "it": [
            r"\bscont[oi]\b",
            r"\bcon\s+il\s+codice\s+(?-i:(?=[A-Z0-9]*[A-Z])[A-Z0-9]{4,})\b",
            r"\bcoupon\b",
            r"\bcodice\s+(?:sconto|promozionale|promo)\b",
            r"\bbuon[oi]\s+(?:sconto|regalo|acquisto)\b",
            r"\bbuon[oi]\s+da\s+\d",
            r"\bcart[ae]\s+regalo\b",
            r"\b(?:prodott[oi]|articol[oi]|campion[ei])\s+(?:gratuit[oi]|gratis|in\s+omaggio|omaggio)\b",
            r"\bomaggi[o]?\b",
            r"\b(?:piccolo\s+regalo|regalo\s+per\s+(?:lei|te))\b",
            r"\b(?:concorso|estrazione\s+a\s+premi)\b|\bsorteggi\w*|\bestrarremo\b",
        ],
        "ja": [
            r"割引",
            r"クーポン",
            r"プロモ(?:ーション)?コード",
            r"ギフト(?:券|カード)",
            r"商品券",
            r"キャッシュバック",
            r"\d+\s*[%％]\s*(?:オフ|OFF|引き)",
            r"無料(?:で)?(?:サンプル|プレゼント|進呈)",
            r"プレゼント(?:いたします|します|させていただきます|致します)",
            r"ポイント(?:を)?(?:付与|進呈|プレゼント)",
            r"抽選",
        ],
    }
)

# A discount or coupon the buyer already used at checkout is order information, not an offer:
# incentive words in such a sentence count only when it also speaks of feedback.
CHECKOUT_CONTEXT = _table(
    {
        "en": [
            r"\b(?:you\s+)?(?:applied|redeemed|used)\b[^.!?]{0,30}?\b(?:at|during)\s+checkout\b"
            r"|\bon\s+your\s+invoice\b|\byou\s+(?:applied|redeemed)\b"
            r"|\b(?:did|does|was|were|is)(?:n['’]t|\s+not)\s+(?:apply|applied|work|accepted)\b"
        ],
        "de": [
            r"\ban\s+der\s+Kasse\b|\beingelöst\b|\bangewendet\b|\bbereits\s+abgezogen\b|\bbei\s+der\s+Bestellung\s+(?:angewendet|eingelöst)"
        ],
        "fr": [
            r"\bappliqu(?:é|ée|és|ées)\b|\bau\s+moment\s+du\s+paiement\b|\blors\s+de\s+(?:la\s+)?(?:commande|paiement)\b"
        ],
        "es": [
            r"\baplic(?:ó|ado|ada|aron)\b|\bal\s+(?:pagar|finalizar\s+la\s+compra)\b|\ben\s+el\s+momento\s+del\s+pago\b"
        ],
        "it": [r"\b(?:ha\s+)?applicat[oaie]\b|\bal\s+momento\s+del\s+pagamento\b|\bal\s+checkout\b"],
        "ja": [r"適用(?:された|されました|済み)|ご注文時に(?:ご)?(?:利用|使用)|差し引"],
    },
    ordered=False,
)
# An offer tied to feedback: the sentence holds a reward and a condition on a feedback action.
INCENTIVE_CONDITION = _table(
    {
        "en": [
            r"\b(?:if|once|after|when|as\s+soon\s+as|provided(?:\s+that)?|on\s+condition\s+that)\s+you(?:['’](?:ve|d|ll|re))?\s+"
            r"(?:[\w'’]+\s+){0,3}?(?:remov|delet|chang|updat|revis|edit|amend|leav|left|writ|wrote|post|giv|gave|shar|pop|drop|stick|jot|"
            r"take\s+down|took\s+down|withdr[ae]w|retract|improv|rais|reconsider|adjust|rethink|revisit|bump|upgrad)\w*\b",
            r"\b(?:once|as\s+soon\s+as|after)\s+(?:the|your|this)\s+(?:\w+\s+)?(?:feedback|review|rating|comment)\b",
            r"\bentitle[sd]?\b",
            r"\b(?:once|as\s+soon\s+as|when)\s+(?:that['’]s|that\s+is|this\s+is|it['’]s|it\s+is|you['’]ve|you\s+have)\s+(?:been\s+)?done\b|"
            r"\b(?:once|as\s+soon\s+as|when)\s+it\s+(?:no\s+longer|is\s+(?:gone|removed|down|updated|changed)|has\s+been)\b|"
            r"^\W*(?:afterwards|after\s+that|then)\s*,|\bevery\s+(?:\w+\s+)?(?:review|rating)\s+(?:posted|left|written)\b",
            r"\bif\s+(?:the\s+)?(?:buyer|customer|they|he|she)\s+(?:[\w'’]+\s+){0,3}?(?:remov|delet|chang|updat|revis|edit|amend|"
            r"withdr|retract)\w*",
            r"\bin\s+(?:exchange|return)\b",
            r"\bas\s+a\s+(?:small\s+|little\s+)?thank[\s-]you\b|\bto\s+say\s+thank\s+you\b",
            # the ones who act get it: "every customer who leaves feedback", "reviewers receive"
            r"\b(?:who|that)\s+(?:\w+\s+){0,2}?(?:leaves?|writes?|posts?|gives?|submits?|shares?|updates?|removes?|"
            r"changes?|left|wrote|posted|gave|submitted|shared|updated|removed|changed)\b",
            r"\breviewers\b",
            r"\bonce\s+(?:your|the|this)\s+(?:\w+\s+)?(?:feedback|review|rating)\s+(?:has\s+been|is|was|gets?)\b",
            r"\b(?:earns?|earned|earning|unlocks?|qualif(?:y|ies))\b",
            r"\b(?:for|by|when|after)\s+(?:leaving|writing|posting|sharing|giving|updating|removing|changing)\b",
            r"\bfor\s+(?:each|every|any|your)\s+(?:\w+\s+)?(?:feedback|review|rating)\b|\bfor\s+your\s+(?:trouble|effort)\b",
            r"\bto\s+(?:thank\s+you|say\s+thanks?)\s+for\b",
            r"\b(?:leave|leaving|write|writing|post|posting|give|giving|remove|removing|change|changing|update|updating)"
            r"\b[^.!?]{0,120}?\band\s+(?:(?:we|you)(?:'ll|\s+will|\s+would|\s+can|\s+get)\b|"
            r"(?:get|receive|earn|claim)\b)",
        ],
        "de": [
            r"\b(?:wenn|sobald|falls|nachdem)\s+Sie\s+[^.!?]{0,80}?\b(?:entfernen|löschen|ändern|anpassen|zurückziehen|"
            r"abgeben|hinterlassen|schreiben|aktualisieren|überarbeiten|entfernt|gelöscht|geändert|abgegeben|hinterlassen|"
            r"bewerten|bewertet|rezensieren|rezensiert|geschrieben)\b",
            r"\b(?:entfernen|löschen|ändern|anpassen|hinterlassen|schreiben)\b[^.!?]{0,80}?\b(?:dann|im\s+Gegenzug|dafür)\b",
            r"\bim\s+Gegenzug\b",
            r"\bsobald\s+(?:sie|es)\s+(?:geändert|angepasst|entfernt|gelöscht|aktualisiert)\s+(?:ist|wurde)\b|"
            r"\bsobald\s+(?:das|dies)\s+(?:erledigt|geschehen)\s+ist\b|^\W*(?:danach|anschließend)\s*,|"
            r"\bjede\s+(?:veröffentlichte|abgegebene)\s+Bewertung\b|\bsammeln\s+Sie\b",
            r"\bals\s+(?:kleines\s+)?Dankeschön\b",
            r"\b(?:die|der|wer)\s+(?:uns\s+)?[^.!?,]{0,40}?\b(?:teilen|teilt|hinterlassen|hinterlässt|schreiben|schreibt|abgeben|abgibt|"
            r"geben|gibt|bewerten|bewertet|aktualisieren|entfernen)\b",
            r"\bsobald\s+(?:Ihre|die)\s+(?:\w+\s+)?\w*(?:Bewertung|Rezension|Feedback)\w*",
            r"\bfür\s+(?:Ihre|eine|jede)\s+\w*(?:Bewertung|Rezension|Feedback)\w*|\bfür\s+Ihre\s+Mühe\b",
            r"\bAnspruch\s+auf\b|\bberechtigt\b|\bals\s+Bewerter\w*",
            r"\bnach\s+(?:der\s+)?(?:Entfernung|Löschung|Änderung|Anpassung|Aktualisierung)\b",
        ],
        "fr": [
            r"\b(?:si|une\s+fois\s+que|dès\s+que|lorsque|quand)\s+vous\s+(?:\w+\s+){0,2}?"
            r"(?:supprim|retir|modifi|chang|laiss|publi|écri|donn|mett)\w*",
            r"\ben\s+(?:échange|contrepartie|remerciement)\b",
            r"\b(?:dès|une\s+fois|lorsqu|quand)\s*qu['’](?:elle|il)\s+(?:sera|aura\s+été|est)\s+(?:modifi|supprim|retir|mis|publi|actualis)\w*|"
            r"\bdès\s+que\s+ce\s+sera\s+fait\b|\bune\s+fois\s+(?:cela|ce|que\s+ce\s+sera)\s+fait\b|^\W*(?:après|ensuite)\s*,|"
            r"\bchaque\s+avis\s+(?:publié|laissé)\b|\b(?:rapporte|fait\s+gagner|gagnez)\b",
            r"\bqui\s+(?:nous\s+)?partag\w+\b|\bqui\s+(?:nous\s+)?(?:\w+\s+){1,4}?(?:laisser|écrire|rédiger|publier|partager|donner)\b",
            r"\bqui\s+(?:nous\s+)?(?:laisse|laissent|écrit|écrivent|publie|publient|donne|donnent|met|mettent|"
            r"modifie|modifient|retire|retirent|supprime|suppriment)\b",
            r"\b(?:dès\s+que|lorsque|quand|une\s+fois\s+que)\s+(?:votre|l['’]|cette)\s*(?:évaluation|avis|commentaire|note)\b",
            r"\bune\s+fois\s+(?:votre|l['’]|cette)\s*(?:évaluation|avis|commentaire)\s+(?:\w+\s+)?"
            r"(?:supprimé|retiré|modifié|mis|publié)\w*",
            r"\bpour\s+(?:chaque|tout|votre)\s+(?:avis|évaluation|commentaire)\b",
            r"\bbénéficie(?:nt|ront|ra)?\b",
            r"\b(?:donne|donnera|donnent)\s+droit\b|\bavez\s+droit\b",
            r"\baprès\s+(?:avoir\s+)?(?:la\s+)?(?:suppression|modification|retrait|supprimé|modifié|retiré|mis\s+à\s+jour)\b",
            r"\bpour\s+vous\s+remercier\s+(?:de|d['’]|du|des|pour)\b",
            r"\ben\s+(?:laissant|écrivant|publiant|modifiant|retirant)\b",
        ],
        "es": [
            r"\b(?:si|una\s+vez\s+que|en\s+cuanto|cuando)\s+(?:usted\s+)?(?:nos\s+)?"
            r"(?:elimin|borr|retir|modifi(?:c|qu)|cambi|actuali[zc]|dej|escrib|publi)\w*",
            r"\ba\s+cambio\s+de\b",
            r"\ben\s+cuanto\s+(?:la|lo)\s+(?:haya\s+)?(?:modifi|actuali|elimin|retir|publi)\w*|\buna\s+vez\s+hecho\b|\bcuando\s+lo\s+haya\s+hecho\b|^\W*(?:después|luego)\s*,|"
            r"\bcada\s+(?:reseña|valoraci[oó]n|opini[oó]n)\s+publicad\w+|\b(?:gana|ganar[aá]?|acumula\w*)\b",
            r"\bque\s+(?:nos\s+)?compart\w+\b|\bquien(?:es)?\s+(?:se\s+animan?\s+a\s+)?(?:nos\s+)?(?:dej|escrib|compart|publi|cont)\w*",
            r"\bque\s+(?:nos\s+)?(?:deje|dejen|deja|dejan|escriba|escriban|escribe|escriben|publique|publiquen|publica|"
            r"publican|actualice|actualicen|actualiza|actualizan|elimine|eliminen|elimina|eliminan)\b",
            r"\b(?:en\s+cuanto|cuando|una\s+vez\s+que)\s+(?:su|la)\s+(?:valoraci[oó]n|reseña|opini[oó]n)\b",
            r"\b(?:cada|toda|por\s+(?:cada|su))\s+(?:valoraci[oó]n|reseña|opini[oó]n)\b",
            r"\buna\s+vez\s+(?:eliminad|retirad|actualizad|modificad|publicad)\w*",
            r"\bsuma(?:n|r[aá])?\b",
            r"\b(?:tiene|tendr[aá]|da|dar[aá])\s+derecho\b",
            r"\b(?:tras|después\s+de)\s+(?:la\s+)?(?:eliminar|modificar|actualizar|retirar|borrar|eliminaci[oó]n|modificaci[oó]n)\b",
            r"\bcomo\s+agradecimiento\s+por\b",
            r"\bsi\s+(?:usted\s+)?(?:quiere|quisiera|desea|puede|pudiera|quieres|puedes|tiene\s+a\s+bien|decide|decidiera|decides)\s+(?:\w+\s+)?"
            r"(?:elimin|borr|retir|modifi(?:c|qu)|cambi|actuali[zc]|dej|escrib|publi)\w*",
            r"\bal\s+(?:dejar|escribir|publicar|actualizar|eliminar|retirar)\b",
            r"\bpara\s+agradecer\w*\s+(?:su|la|el)\b",
        ],
        "it": [
            r"\b(?:se|una\s+volta\s+che|non\s+appena|quando)\s+(?:lei\s+)?(?:ci\s+)?"
            r"(?:rimuov|elimin|modific|cambi|aggiorn|lasc|scriv|pubblic|ritir)\w*",
            r"\bin\s+cambio\b",
            r"\b(?:non\s+appena|una\s+volta\s+che|quando)\s+(?:il|la|suo|sua)\s+(?:\w+\s+)?(?:feedback|valutazione|recensione)\b|"
            r"\bappena\s+(?:sarà|verrà|sia)\s+(?:stat[oa]\s+)?(?:modificat|aggiornat|rimoss|pubblicat)\w*|\buna\s+volta\s+fatto\b|\bfatto\s+questo\b|\bnon\s+appena\s+fatto\b|^\W*(?:dopo|poi)\s*,|"
            r"\bogni\s+(?:recensione|valutazione|feedback)\s+(?:pubblicat|lasciat|scritt)\w*|\bguadagn\w+",
            r"\b(?:che|chi)\s+(?:ci\s+)?(?:lascia|lasciano|scrive|scrivono|pubblica|pubblicano|aggiorna|aggiornano|rimuove|"
            r"condivid\w+)\b",
            r"\buna\s+volta\s+(?:aggiornat|rimoss|modificat|eliminat|pubblicat)\w*",
            r"\bper\s+(?:ogni|ciascun[ao]?)\s+(?:feedback|recensione|valutazione)\b",
            r"\b(?:ha|avrà|dà|darà)\s+diritto\b",
            r"\bdopo\s+(?:aver\s+)?(?:la\s+)?(?:rimosso|modificato|aggiornato|eliminato|rimozione|modifica)\b",
            r"\bcome\s+ringraziamento\s+per\b",
            r"\bse\s+(?:lei\s+)?(?:vorrà|vuole|volesse|potrà|può|potesse|desidera|vorresti|vuoi)\s+(?:\w+\s+)?"
            r"(?:rimuov|elimin|modific|cambi|aggiorn|lasc|scriv|pubblic|ritir)\w*",
            r"\b(?:lasciando|scrivendo|pubblicando|aggiornando|rimuovendo)\b",
            r"\bper\s+ringraziar\w+\s+(?:della|del|dello|per)\b",
        ],
        "ja": [
            r"(?:評価|レビュー|フィードバック)[^。！？\n]{0,25}?(?:いただければ|頂ければ|いただけましたら|頂けましたら|"
            r"いただくと|頂くと|いただいた方|頂いた方|くだされば|下されば|くださった方|したら|すれば)",
            r"代わりに|引き換え|お礼(?:として|に)",
            r"(?:いただいた|頂いた|くださった|下さった|お寄せいただいた)(?:お客様|方)(?:には|へ|に|全員)",
        ],
    },
    ordered=False,
)
# A sentence that turns an incentive down ("we can't offer a discount in return for a review")
# explains the rule to the buyer; it offers nothing.
INCENTIVE_REFUSAL = _table(
    {
        "en": [
            r"\b(?:can(?:not|['’]t)|could(?:\s+not|n['’]t)|won['’]t|will\s+not|do\s+not|don['’]t|never|(?:are|is)\s+not\s+"
            r"(?:allowed|permitted)\s+to|may\s+not)\s+(?:\w+\s+){0,2}?(?:offer|give|provide|send|trade|pay)\b",
            r"\b(?:not|never)\s+(?:allowed|permitted)\b|\bdoes(?:\s+not|n['’]t)\s+(?:allow|permit)\b",
        ],
        "de": [
            r"\b(?:können|dürfen|werden)\s+(?:wir\s+)?(?:Ihnen\s+)?(?:leider\s+)?(?:keine[nm]?|nicht|nie)\b[^.!?]{0,40}?"
            r"\b(?:anbieten|geben|gewähren|schicken)\b",
            r"\bnicht\s+(?:erlaubt|gestattet|zulässig)\b|\bverbiete[tn]\b",
        ],
        "fr": [
            r"\bne\s+(?:pouvons|pourrons|pouvez|devons)\s+(?:pas|jamais)\s+(?:vous\s+)?(?:offrir|proposer|donner|accorder)\b",
            r"\bn['’]est\s+pas\s+(?:autorisé|permis)\b|\binterdi[ts]\w*",
        ],
        "es": [
            r"\bno\s+(?:podemos|podríamos|está\s+permitido)\s+(?:\w+\s+){0,2}?(?:ofrecer|dar|conceder|enviar)\b",
            r"\bno\s+(?:está|es)\s+(?:permitido|admitido)\b|\bno\s+(?:lo\s+)?permite\b|\bprohib\w+",
        ],
        "it": [
            r"\bnon\s+(?:possiamo|potremmo|è\s+consentito)\s+(?:\w+\s+){0,2}?(?:offrire|dare|concedere|inviare)\b",
            r"\bnon\s+(?:è|sono)\s+(?:consentit|permess)\w*|\bnon\s+(?:lo\s+)?consente\b|\bviet\w+",
        ],
        "ja": [
            r"(?:お渡し|ご提供|差し上げ|お送り)(?:することは)?(?:でき|出来)(?:ません|かねます)|禁止|認められておりません"
        ],
    },
    ordered=False,
)
# The other half of a trade offered in the sentence before: "We will refund you in full. In
# return, we only ask you to reconsider your rating."
EXCHANGE_ASK = _table(
    {
        "en": [r"\ball\s+we\s+ask\b|\bwe\s+(?:only|just)\s+ask\b|\bin\s+(?:exchange|return)\b|\bin\s+turn\b"],
        "de": [r"\bim\s+Gegenzug\b|\bbitten\s+wir\s+Sie\s+(?:\w+\s+)?(?:lediglich|nur)\b|\bdafür\s+bitten\b"],
        "fr": [
            r"\ben\s+(?:échange|contrepartie|retour)\b|\bnous\s+vous\s+demandons\s+(?:simplement|seulement|juste)\b"
        ],
        "es": [r"\ba\s+cambio\b|\bsolo\s+le\s+pedimos\b|\b(?:le|te)\s+pedimos\s+(?:solo|únicamente|solamente)\b"],
        "it": [r"\bin\s+cambio\b|\ble\s+chiediamo\s+(?:solo|soltanto|semplicemente)\b|\bin\s+cambio\s+di\b"],
        "ja": [r"代わりに|引き換え|その代わり|条件として"],
    },
    ordered=False,
)
INCENTIVE_REWARD = _table(
    {
        "en": [
            r"\brefund\w*",
            r"\breimburs\w*",
            r"\b(?<!\bthe\s)(?<!\byour\s)(?<!\bnew\s)replacement\b",
            r"\bmoney\s+back\b",
            r"\bcompensat\w*",
            r"\bcredit\b",
            r"\bfree\b",
            r"\bgifts?\b",
            r"\bbonus\b",
            r"\breward\w*",
            r"\bsurprise\b",
            r"\bupgrade[sd]?\b",
            r"\bperks?\b",
            r"\bVIP\b",
            r"\bpriority\s+(?:shipping|support|service|access|handling|delivery|dispatch|processing|treatment)\b|\bbumped\s+up\b",
            r"\bcomplimentary\b",
            r"\bat\s+no\s+(?:extra\s+|additional\s+)?(?:charge|cost)\b",
            r"\b(?:loyalty\s+)?points\b",
            r"\b(?:extended|extra|longer|lifetime)\s+warranty\b|\bwarranty\s+extension\b|\bwarranty\s+(?:\w+\s+)?extended\b|"
            r"\bextend\w*\s+(?:your\s+|the\s+)?warranty\b|\b(?:the|your)\s+money\b",
            r"\b(?:early|exclusive)\s+access\b|\bfirst\s+pick\b",
            r"\b(?:special|preferred|exclusive)\s+(?:treatment|offer|price|pricing|status)\b",
            r"\blittle\s+something\b|\bsomething\s+special\b|\b(?:small|little)\s+(?:token|treat|extra)\b",
            r"\bon\s+us\b",
            r"[$€£]\s?\d+|\b\d+\s?[$€£]",
            r"\bwe(?:['’]ll|\s+will|\s+would|['’]d)\s+(?:also\s+|happily\s+|gladly\s+)?(?:send|give|ship|mail|post|pop|"
            r"throw\s+in|include|offer|refund)\b",
            r"\bon\s+the\s+house\b|\bnext\s+(?:parcel|package|shipment|box)\b",
            r"\bdraw\b|\bsamples?\b|\b(?:a\s+)?spot\s+in\b",
            r"\b(?:on|off|for|with)\s+(?:your|their)\s+next\s+(?:order|purchase|visit)\b",
        ],
        "de": [
            r"erstatt\w*",
            r"\bErstattung\b",
            r"(?<!\bdas\s)(?<!\bden\s)(?<!\bdem\s)(?<!\bIhr\s)(?<!\bder\s)\bErsatz\w*",
            r"\bGeld\s+zurück\b",
            r"\bgratis\b",
            r"\bkostenlos\w*",
            r"\bumsonst\b",
            r"\bUpgrade\b",
            r"\bVorteil\w*",
            r"\bVIP\b",
            r"\bbevorzugt\w*|\bVorzugs\w*|\bPriorit\w*",
            r"\bPrämie\w*|\bPunkte\b|\bTreuepunkte\b",
            r"\bÜberraschung\w*|\bGeschenk\w*|\bDankeschön\b",
            r"\bGarantie\w*\s+(?:um|auf)\b|\bGarantieverlängerung\b|\bverlänger\w*\s+(?:\w+\s+){0,3}?Garantie\b",
            r"\bGutschrift\w*|\bBonus\b|\bProbe\w*|\bMuster\b|\bkostenfrei\w*|\bnachsenden\b|\bkleine\s+Geste\b|\bAufmerksamkeit\b",
            r"\bEntschädigung\w*|\bWiedergutmachung\b|\bTeilerstattung\w*|\bNachlass\w*|\bKulanz\w*",
            r"\bversandkostenfrei\w*",
            r"\d+\s?(?:€|Euro)\b|€\s?\d+",
            r"\bbei\s+(?:Ihrer|Ihrem)\s+nächsten\s+(?:Bestellung|Einkauf|Kauf)\b",
            r"\b(?:schicken|senden|geben|schenken|erstatten)\s+wir\s+Ihnen\b|\berhalten\s+Sie\s+(?:von\s+uns\s+)?(?:eine?n?|als)\b",
        ],
        "fr": [
            r"\brembours\w*",
            r"\bremplac\w*",
            r"\bgratuit\w*",
            r"\bcadeau\w*",
            r"\bdédommag\w*",
            r"\boffr\w+",
            r"\bprivilégi\w*|\bavantage\w*|\bVIP\b|\bprioritaire\w*",
            r"\bpoints?\s+(?:de\s+)?fidélité\b|\bpoints\b",
            r"\bsurprise\b",
            r"\bgeste\s+commercial\b|\bcompensation\b|\bavoir\s+de\b|\bpetit\s+geste\b",
            r"\b(?:petite|une)\s+attention\b|\breçoiv\w+|\brecevr\w+|\bprochain\s+colis\b|\béchantillons?\b|\btirage\s+au\s+sort\b",
            r"\bgarantie\s+(?:prolongée|étendue)\b|\bprolong\w*\s+(?:la\s+|votre\s+)?garantie\b",
            r"\d+\s?(?:€|euros?)\b",
            r"\b(?:sur|pour|dans)\s+(?:votre|leur|sa)\s+(?:prochaine\s+commande|prochain\s+(?:achat|colis))\b|\bglisser\w*|\bglisserons\b",
            r"\bnous\s+vous\s+(?:enverrons|offrirons|offrons|ferons\s+parvenir|adresserons|rembourserons)\b",
        ],
        "es": [
            r"\breembols\w*",
            r"\breemplaz\w*",
            r"\bsustitu\w*",
            r"\bregal\w*",
            r"\bgratis\b",
            r"\bgratuit\w*",
            r"\bcompensa\w*",
            r"\bdevol\w+\s+(?:el|su)\s+(?:dinero|importe)\b",
            r"\bpuntos\b|\bcanje\w*|\bmuestras?\b|\bsorteo\b",
            r"\bventaja\w*|\bVIP\b|\bprioritari\w*",
            r"\bsorpresa\b|\bobsequi\w*",
            r"\bgesto\s+comercial\b|\breembolso\s+parcial\b|\bdetalle\b",
            r"\bsin\s+(?:ning[uú]n\s+)?(?:coste|costo|cargo)\b",
            r"\bgarant[ií]a\s+(?:extendida|ampliada)\b|\bampli\w*\s+(?:la\s+|su\s+)?garant[ií]a\b",
            r"\d+\s?(?:€|euros?)\b",
            r"\b(?:en|para)\s+su\s+(?:próxim[ao]|siguiente)\s+(?:compra|pedido)\b",
            r"\b(?:le|te)\s+(?:enviaremos|regalaremos|mandaremos|daremos|reembolsaremos)\b|\breciben\b|\brecibir[aá]n?\b",
            r"\b(?:le|les|te)\s+(?:enviamos|regalamos|mandamos|devolver\w+)\b|\bdevolveremos\b",
        ],
        "it": [
            r"\brimbors\w*",
            r"\bsostitu\w*",
            r"\bregal\w*",
            r"\bgratuit\w*",
            r"\bgratis\b",
            r"\brisarci\w*",
            r"\brestitu\w+\s+(?:i\s+soldi|l['’]importo)\b",
            r"\bVIP\b|\bprivilegi\w*|\bprioritari\w*",
            r"\btrattamento\s+(?:da\s+cliente\s+)?(?:VIP|speciale|privilegiato|riservato)\b",
            r"\bpunti\b|\bfedeltà\b",
            r"\bsorpresa\b|\bomaggio\b|\bcampion\w+|\bestrazione\b|\bricev[eo]\b|\bpiccolo\s+pensiero\b|\bpensierino\b|"
            r"\bprossim[oa]\s+(?:pacco|spedizione)\b|\briserv\w+",
            r"\brimborso\s+parziale\b|\brisarcimento\b|\bindennizzo\b|\bgesto\s+commerciale\b",
            r"\bsenza\s+(?:alcun\s+)?(?:costo|costi|spesa)\b",
            r"\bgaranzia\s+(?:estesa|prolungata)\b|\bestend\w*\s+(?:la\s+)?garanzia\b",
            r"\d+\s?(?:€|euro)\b",
            r"\bsul\s+(?:suo\s+)?prossimo\s+(?:ordine|acquisto)\b",
            r"\b(?:le|ti)\s+(?:invieremo|spediremo|regaleremo|daremo|rimborseremo)\b|\bricev(?:ono|eranno|erà)\b",
        ],
        "ja": [
            r"返金",
            r"交換",
            r"プレゼント",
            r"無料",
            r"進呈",
            r"差し上げ",
            r"お送り",
            r"優待|特典|おまけ|粗品|お礼の品|ポイント|ギフト",
            r"保証(?:期間)?(?:の|を)?延長",
            r"次回(?:の)?(?:ご注文|ご購入|お買い物)",
            r"送料無料",
            r"補償|お詫びの品|一部返金",
        ],
    },
    ordered=False,
)
FEEDBACK_TERMS = _table(
    {
        "en": [
            r"\b(?:feedback|reviews?|ratings?|rate\s+us|stars?|comments?\s+(?:you\s+left|about|on\s+Amazon))\b",
            r"\b(?:shar\w*|rate|tell\s+(?:others|other\s+(?:buyers|shoppers))\s+about)\s+(?:your|the|their)\s+(?:\w+\s+)?experience\b",
            r"\b(?:shar|post|leav|writ|giv)\w*\s+(?:your|their|his|her)\s+(?:honest\s+)?(?:thoughts|opinions?|views|impressions)\b|"
            r"\bhear\s+what\s+you\s+think\b|\bwhat\s+you\s+think\s+on\s+Amazon\b|\b(?:customer\s+)?opinions\b",
            r"\b(?:tell|told|telling)\s+(?:other\s+)?(?:shoppers|buyers|customers|people)\s+(?:about|how|what)\b|"
            r"\ba\s+(?:few|couple\s+of)\s+(?:kind\s+)?(?:words|lines)\b|\b(?:a\s+)?(?:quick\s+)?(?:word|note|line)\s+on\s+Amazon\b",
        ],
        "de": [
            r"\b\w*(?:bewertung|rezension|feedback|sterne)\w*",
            r"\bbewerten\b|\bbewertet\b|\brezensier\w*",
            r"\bKommentar\w*",
            r"\bBewerter\w*",
            r"\b(?:Ihre|Deine)\s+Erfahrung\w*\s+(?:\w+\s+){0,3}?(?:zu\s+)?teilen\b",
            r"\b(?:ein\s+paar|einige|zwei)\s+(?:nette\s+)?(?:Worte|Zeilen)\b",
        ],
        "fr": [
            r"\b(?:évaluations?|avis|commentaires?|notes?|étoiles?)\b",
            r"\b(?:évaluer|noter)\b",
            r"\bpartag\w+\s+(?:votre|leur|son)\s+(?:expérience|opinion|ressenti)\b",
            r"\bun\s+petit\s+mot\b|\bquelques\s+mots\b",
        ],
        "es": [
            r"\b(?:valoraci[oó]n(?:es)?|reseñas?|opini[oó]n(?:es)?|comentarios?|calificaci[oó]n(?:es)?|estrell(?:it)?as?)\b",
            r"\b(?:compart\w+|contar|cuent\w+)\s+(?:su|tu)\s+experiencia\b",
            r"\bunas\s+(?:pocas\s+)?(?:palabras|l[ií]neas)\b|\bdos\s+l[ií]neas\b",
        ],
        "it": [
            r"\b(?:feedback|valutazion[ei]|recension[ei]|stell[ae]|stellin[ae]|giudizi[oi]|comment[oi]\s+(?:che|lasciat))\b",
            r"\bcondivid\w+\s+(?:la\s+sua|la\s+tua|la\s+loro)\s+(?:esperienza|opinione)\b",
            r"\bdue\s+(?:righe|parole)\b|\bqualche\s+parola\b",
        ],
        "ja": [r"評価|レビュー|フィードバック|星|コメント|ご感想|ひとこと|一言"],
    },
    ordered=False,
)

# --- positive_only ---------------------------------------------------------------------------

POSITIVE_WORDS = _table(
    {
        "en": [
            r"\b(?:5|five)[\s-]*stars?\b",
            r"\b5\s*[★⭐*]",
            r"[★⭐]{4,}",
            r"\b(?:positive|good|great|glowing|excellent|perfect|favou?rable|top)\s+(?:seller\s+)?"
            r"(?:feedback|reviews?|ratings?)\b",
            r"\bonly\s+if\s+you\b(?!\s+(?:feel\s+(?:it|that)\b|want|wish|like|choose|agree|have\s+time))",
            r"\b(?:happy|satisfied|delighted)\s+(?:customers|buyers|shoppers)\b",
            r"\bbefore\s+(?:leaving|posting|giving|writing|submitting)\s+(?:\w+\s+){0,2}?(?:feedback|reviews?|ratings?)\b",
            r"\bbefore\s+you\s+(?:post|leave|write|rate)\s+(?:anything|a\s+review|feedback|a\s+rating)\b",
            r"\b(?:contact|message|email)\s+us\s+first\b",
            r"\b(?:rather\s+than|instead\s+of)\s+(?:leaving|posting|writing|giving)\b",
        ],
        "de": [
            r"\b(?:5|fünf)[\s-]*Stern\w*(?:-(?:Bewertung|Rezension|Feedback)\w*)?",
            r"\bpositive[nrs]?\s+(?:Bewertung|Rezension|Feedback|Rückmeldung)\w*",
            r"\b(?:gute[nrs]?|sehr\s+gute[nrs]?|Top|Spitzen)[\s-]*(?:Bewertung|Rezension)\w*",
            r"\bnur\s+(?:wenn|falls)\s+Sie\b",
            r"\bzufriedene[n]?\s+(?:Kunden|Käufer)\b",
            r"\bbevor\s+Sie\s+(?:\w+\s+){0,3}?(?:Bewertung|Rezension|Feedback)\w*",
            r"\bbevor\s+Sie\s+(?:\w+\s+){0,3}?bewerten\b",
            r"\b(?:melden|wenden)\s+Sie\s+sich\s+(?:bitte\s+)?(?:zuerst|zunächst|vorher)\b",
            r"\b(?:statt|anstatt)\s+(?:\w+\s+){0,3}?(?:\w*Bewertung|\w*Rezension|Feedback)\w*|\b(?:statt|anstatt)\s+(?:\w+\s+){0,3}?zu\s+bewerten\b",
        ],
        "fr": [
            r"\b(?:5|cinq)\s+étoiles\b",
            r"\b(?:évaluations?|avis|commentaires?|notes?)\s+(?:positi(?:ve|f)s?|favorables?|excellente?s?|élogieu\w+)",
            r"\b(?:bonne|excellente|très\s+bonne)\s+(?:évaluation|note)\b",
            r"\b(?:seulement|uniquement)\s+si\b",
            r"\bavant\s+de\s+(?:laisser|publier|donner)\s+(?:\w+\s+){0,2}?(?:évaluation|avis|commentaire)\b",
            r"\bavant\s+que\s+vous\s+(?:ne\s+)?(?:laissiez|publiiez|donniez)\b",
            r"\b(?:contactez|écrivez)[\s-]nous\s+(?:d['’]abord|en\s+premier|avant)\b",
            r"\bplutôt\s+que\s+(?:de\s+)?(?:laisser|publier|donner)\b|\bau\s+lieu\s+de\s+(?:laisser|publier)\b",
        ],
        "es": [
            r"\b(?:5|cinco)\s+estrell(?:it)?as\b",
            r"\b(?:valoraci[oó]n|reseña|opini[oó]n|calificaci[oó]n|comentario)(?:es|s)?\s+"
            r"(?:positiv[oa]s?|favorables?|excelentes?|buen[oa]s?)\b",
            r"\b(?:buena|excelente)\s+(?:valoraci[oó]n|reseña|opini[oó]n|calificaci[oó]n)\b",
            r"\b(?:s[oó]lo|[uú]nicamente)\s+si\b",
            r"\bantes\s+de\s+(?:dejar|publicar|escribir)\s+(?:\w+\s+){0,2}?(?:valoraci[oó]n|reseña|opini[oó]n)\b",
            r"\b(?:cont[aá]ctenos|escr[ií]banos|p[oó]ngase\s+en\s+contacto\s+con\s+nosotros)\s+(?:primero|antes)\b",
            r"\ben\s+(?:lugar|vez)\s+de\s+(?:dejar|publicar|escribir)\b",
        ],
        "it": [
            r"\b(?:5|cinque)\s+stelle\b",
            r"\b(?:feedback|valutazion[ei]|recension[ei]|giudizi[oi])\s+(?:positiv[oiae]|favorevol[ei]|ottim[oiae]|eccellent[ei])\b",
            r"\b(?:buon[ao]?|ottim[oa])\s+(?:feedback|valutazione|recensione)\b",
            r"\b(?:solo|soltanto|unicamente)\s+se\b",
            r"\bprima\s+di\s+lasciare\s+(?:\w+\s+){0,2}?(?:feedback|recensione|valutazione)\b",
            r"\b(?:ci\s+contatti|contattateci|contattaci|ci\s+scriva)\s+(?:prima|per\s+prim[oi])\b",
            r"\b(?:invece\s+di|anziché)\s+(?:lasciare|pubblicare|scrivere)\b",
        ],
        "ja": [
            r"(?:星|★|☆)\s*(?:5|５|五)(?:つ)?",
            r"(?:5|５|五)\s*(?:つ)?星",
            r"高評価|良い評価|よい評価|好評価|最高(?:の)?評価|満点",
            r"ポジティブ(?:な)?(?:評価|レビュー|フィードバック)",
            r"(?:評価|レビュー)(?:を)?(?:される|いただく|頂く|する)?(?:前に|まえに)",
        ],
    }
)
# "If you are happy ..." only counts when the same sentence asks for feedback.
POSITIVE_CONDITION = _table(
    {
        "en": [
            r"\bif\s+you(?:\s+are|\s+were|['’]re|\s+feel|\s+felt|\s+have\s+been|['’]ve\s+been)\s+"
            r"(?:completely\s+|fully\s+|totally\s+|very\s+|really\s+|100%\s+)?"
            r"(?:happy|satisfied|pleased|delighted|content)\b",
            r"\bif\s+you\s+(?:love|loved|like|liked|enjoy|enjoyed)\b",
            r"\bif\b[^.!?,;]{0,60}?\b(?:(?:happy|satisfied|pleased|delighted|thrilled)(?!\s+to\b)|enjoying|loving|"
            r"went\s+(?:well|smoothly|fine)|worked\s+(?:well|perfectly)|no\s+(?:problems|issues|complaints)|loved|liked|enjoyed|"
            r"loves|likes|enjoys|(?:notice|see|feel)s?\s+(?:a|the)\s+difference)\b",
            r"\bif\s+(?:it|the\s+\w+|they|your\s+\w+)(?:['’](?:ve|s)\s+|\s+(?:has|have)\s+|\s+)(?:made|helped|improved|solved|did\s+the\s+trick|"
            r"changed\s+your|brightened|lived\s+up|met\s+your)\b",
            r"\bif\b[^.!?]{0,80}?\band\s+you(?:['’]re|\s+are|\s+were)\s+(?:\w+\s+)?(?:happy|satisfied|pleased|delighted|content)\b",
            r"\bif\s+(?:everything|it|your\s+order|the\s+parcel)\s+arrived\s+(?:\w+\s+)?(?:in\s+perfect\s+condition|"
            r"safe\s+and\s+sound|as\s+expected|perfectly)\b",
            r"\b(?:since|as|now\s+that|because)\s+you(?:\s+are|['’]re|\s+have\s+been|['’]ve\s+been)\s+"
            r"(?:\w+\s+)?(?:enjoying|loving|happy|satisfied|pleased|delighted)\b",
            r"\b(?:since|as|now\s+that|because)\s+you\s+(?:love|like|enjoy|liked|loved|enjoyed)\b",
            r"\bif\s+(?:everything|all|it\s+all)\s+(?:went|goes|has\s+gone|is|was|worked(?:\s+out)?|turned\s+out)\s+"
            r"(?:\w+\s+)?(?:well|fine|ok(?:ay)?|good|great|smoothly|perfectly|to\s+your\s+satisfaction|right)\b",
            r"\bif\s+(?:the\s+product|the\s+item|it|your\s+order|your\s+purchase|our\s+products?|we)\s+"
            r"(?:\w+\s+){0,2}?(?:met|meets|exceeded|exceeds|lived\s+up\s+to|matched)\s+(?:or\s+\w+\s+)?(?:your\s+)?expectations\b",
            r"\bif\s+you(?:\s+are|['’]re)\s+(?:using|enjoying|loving)\b",
            r"\bif\b[^.!?]{0,60}?\bmakes?\s+you\s+(?:satisf\w*|happy|pleased)\b",
            r"\bif\s+you\s+(?:had|have\s+had)\s+a\s+(?:good|great|positive|pleasant|nice)\s+experience\b",
            r"\b(?:happy|satisfied|pleased|delighted)\s+with\s+(?:your|the|our|it|them)\b[^.!?]{0,30}?\?",
            r"\b(?:loving|enjoying|liking)\s+(?:it|them|the\s+\w+|your\s+\w+)\s*\?",
            r"\b(?:are\s+you|were\s+you)\s+(?:\w+\s+)?(?:happy|satisfied|pleased|delighted)\b[^.!?]{0,40}?\?",
            r"\b(?:do|did)\s+you\s+(?:love|like|enjoy)\b[^.!?]{0,40}?\?",
        ],
        "de": [
            r"\b(?:wenn|falls|sofern)\s+Sie\s+(?:mit\s+[^.,!?]{0,40}?\s+)?(?:\w+\s+){0,2}?"
            r"(?:zufrieden|glücklich|begeistert)\b",
            r"\b(?:wenn|falls|sofern)\s+(?:alles|alles\s+\w+)\s+(?:\w+\s+){0,2}?(?:gut|in\s+Ordnung|geklappt|gepasst|passt|"
            r"reibungslos|bestens|prima|wunschgemäß|zu\s+Ihrer\s+(?:vollsten\s+)?Zufriedenheit)\b",
            r"\b(?:da|weil|nachdem)\s+Sie\s+(?:\w+\s+){0,4}?(?:Freude|zufrieden|begeistert|genießen)\b",
            r"\b(?:wenn|falls|sofern)\b[^.!?,;]{0,60}?\b(?:zufrieden|glücklich|begeistert|gefällt|gut\s+(?:gelaufen|angekommen|"
            r"geklappt)|keine\s+(?:Probleme|Beanstandungen)|(?:einen|den)\s+Unterschied\s+(?:merken|bemerken|spüren|sehen)|"
            r"(?:Ihnen\s+)?(?:geholfen|überzeugt|erleichtert)|Ihre\s+Erwartungen\s+(?:\w+\s+)?erfüllt)\b",
            r"\b(?:wenn|falls|sofern)\s+(?:Ihnen\s+)?(?:\w+\s+){0,4}?(?:gefällt|gefallen\s+hat|gefallen)\b",
            r"\b(?:wenn|falls|sofern)\s+[^.!?]{0,40}?Ihre\s+Erwartungen\s+(?:\w+\s+)?(?:erfüllt|übertroffen)\b",
            r"\b(?:Sind|Waren)\s+Sie\s+(?:\w+\s+){0,4}?(?:zufrieden|glücklich|begeistert)\b[^.!?]{0,40}?\?",
            r"\b(?:Hat|Haben)\s+Ihnen\s+[^.!?]{0,40}?gefallen\s*\?|\bGefällt\s+Ihnen\b[^.!?]{0,40}?\?",
        ],
        "fr": [
            r"\bsi\s+vous\s+(?:êtes|étiez|avez\s+été)\s+(?:\w+\s+){0,2}?(?:satisfaite?s?|contente?s?|ravie?s?|heureu(?:x|se)s?)\b",
            r"\bsi\s+(?:le\s+produit|l['’]article|votre\s+achat)\s+vous\s+a\s+plu\b",
            r"\bsi\s+tout\s+(?:s['’]est|s['’]est\s+\w+|va|est|a\s+été)\s+(?:\w+\s+)?(?:bien|parfait|en\s+ordre|comme\s+prévu)",
            r"\b(?:puisque|comme|maintenant\s+que)\s+vous\s+(?:êtes\s+)?(?:\w+\s+)?(?:satisfait\w*|content\w*|ravi\w*|"
            r"appréciez|profitez|aimez)",
            r"\bsi\s+vous\s+(?:appréciez|aimez|profitez|avez\s+aimé|avez\s+apprécié)\b",
            r"\bsi\b[^.!?,;]{0,60}?\b(?:(?:satisfaite?s?|contente?s?|ravie?s?|heureu(?:x|se)s?)(?!\s+de\b)|plu|plaît|"
            r"bien\s+passée?s?|aucun\s+(?:problème|souci)|(?:a|avez|ont)\s+(?:bien\s+)?(?:aimé|apprécié|adoré)|"
            r"(?:voyez|sentez|remarquez|constatez)\s+(?:déjà\s+)?(?:la|une)\s+différence|vous\s+a\s+(?:aidée?|convaincue?|facilité))\b",
            r"\bsi\s+[^.!?]{0,40}?(?:répond|a\s+répondu|correspond|a\s+dépassé|dépasse)\s+à?\s*vos\s+attentes\b",
            r"\bsi\s+[^.!?]{0,30}?vous\s+(?:plaît|a\s+plu|convient|a\s+convenu)\b",
            r"\b(?:vous\s+êtes|êtes-vous|étiez-vous)\s+(?:\w+\s+)?(?:satisfait|content|ravi|conquis)\w*[^.!?]{0,40}?\?",
            r"(?<!\bs['’]il\s)\bvous\s+(?:a\s+plu|plaît)\s*\?|\bvous\s+(?:aimez|appréciez)\b[^.!?]{0,30}?\?",
        ],
        "es": [
            r"\bsi\s+(?:usted\s+)?(?:est[aá]|estuvo|ha\s+quedado|qued[oó])\s+(?:\w+\s+){0,2}?"
            r"(?:satisfech[oa]s?|content[oa]s?|encantad[oa]s?)\b",
            r"\bsi\s+(?:le|te|les|os)\s+(?:ha\s+|han\s+)?(?:gust(?:a|[oó]|ado|ado\s+mucho)|encant(?:a|[oó]|ado))\b",
            r"\bsi\s+(?:est[aá]s|estuviste|has\s+quedado|quedaste)\s+(?:\w+\s+){0,2}?(?:satisfech[oa]s?|content[oa]s?|encantad[oa]s?)\b",
            r"\bsi\s+todo\s+(?:ha\s+ido|fue|sali[oó]|va|est[aá]|estuvo|ha\s+salido)\s+(?:\w+\s+)?(?:bien|correcto|perfecto|genial)",
            r"\b(?:ya\s+que|como|puesto\s+que|ahora\s+que)\s+(?:usted\s+)?(?:est[aá]\s+)?(?:disfruta\w*|satisfech\w*|"
            r"content\w*|encantad\w*)",
            r"\bsi\s+(?:usted\s+)?(?:est[aá]\s+)?disfruta\w*",
            r"\bsi\b[^.!?,;]{0,60}?\b(?:(?:satisfech|content|encantad)[oa]s?(?!\s+de\b)|gustado|disfrutando|"
            r"(?:ido|salido|fue|va|lleg[oó])\s+(?:todo\s+)?bien|ning[uú]n\s+problema|"
            r"(?:ido|salido|fue|llegado)\s+como\s+(?:esperabas|esperaba|esperaban|esperado)|"
            r"(?:notas?|nota|ves|ve|siente|sientes)\s+(?:ya\s+)?(?:la|una)\s+diferencia|(?:le|te)\s+ha\s+(?:ayudado|convencido|facilitado))\b",
            r"\bsi\s+[^.!?]{0,40}?(?:cumpli[oó]|ha\s+cumplido|cumple|super[oó]|ha\s+superado)\s+(?:con\s+)?sus\s+expectativas\b",
            r"¿\s*(?:est[aá]|ha\s+quedado|qued[oó])\s+(?:usted\s+)?(?:\w+\s+)?(?:satisfech|content|encantad)\w*[^?]{0,40}\?",
            r"¿\s*le\s+(?:ha\s+gustado|gust[oó]|gusta|encant[oó]|ha\s+encantado)\b[^?]{0,40}\?",
        ],
        "it": [
            r"\bse\s+(?:lei\s+)?(?:è|e'|era|è\s+stat[oa]|sei|siete)\s+(?:\w+\s+){0,2}?(?:soddisfatt[oaie]|content[oaie]|felic[ei])\b",
            r"\bse\s+(?:le|ti|vi)\s+(?:è\s+)?piac(?:iut[oa]|e)\b",
            r"\bse\b[^.!?,]{0,40}?\b(?:le|ti|vi)\s+(?:sta|stanno)\s+piacendo\b",
            r"\bse\s+(?:è\s+andato\s+tutto|tutto\s+(?:è|sia)\s+(?:andato|stato|filato))\s*(?:\w+\s+)?"
            r"(?:bene|liscio|ok|perfetto|per\s+il\s+meglio)?",
            r"\bse\s+tutto\s+(?:è|era|va)\s+(?:ok|in\s+ordine|a\s+posto|perfetto)",
            r"\b(?:dato\s+che|visto\s+che|poiché|siccome|ora\s+che)\s+(?:lei\s+)?(?:sta\s+)?(?:\w+\s+)?(?:apprezzando|"
            r"soddisfatt\w*|content\w*|godendo)",
            r"\bse\s+(?:lei\s+)?(?:sta\s+)?(?:apprezzando|apprezza|ha\s+apprezzato)\b",
            r"\bse\b[^.!?,;]{0,60}?\b(?:(?:soddisfatt|content)[oaie](?!\s+di\b)|felic[ei](?!\s+di\b)|piaciut[oa]|piacendo|"
            r"andat[oa]\s+(?:tutto\s+)?bene|nessun\s+problema|(?:le|ti|vi)\s+piace|con\s+soddisfazione|all['’]altezza|"
            r"(?:rispettat|soddisfatt|superat|raggiunt)[oa]\s+le\s+(?:sue|tue)\s+aspettative|(?:le|ti)\s+ha\s+(?:aiutat|convint)[oa]|"
            r"(?:nota|noti|vede|vedi)\s+(?:già\s+)?(?:la|una)\s+differenza)\b",
            r"\bse\s+[^.!?]{0,40}?(?:ha\s+soddisfatto|soddisfa|ha\s+superato|supera)\s+le\s+sue\s+aspettative\b",
            r"\b(?:è|e['’]|era)\s+(?:\w+\s+)?(?:soddisfatt|content)\w*[^.!?]{0,40}?\?",
            r"\b(?:le|ti)\s+(?:è\s+)?piaciut[oa]\b[^.!?]{0,40}?\?|\b(?:le|ti)\s+piace\b[^.!?]{0,30}?\?",
        ],
        "ja": [
            r"(?:ご)?満足(?:いただけ|頂け|され)(?:ましたら|ましたなら|たなら|たら|た場合|れば)",
            r"気に入って(?:いただけ|頂け)(?:ましたら|たら|た場合|れば)",
            r"お気に召し(?:ましたら|たら)",
            r"問題(?:が|も)?(?:なければ|無ければ|ございませんでしたら|ございませんでしたら|ありませんでしたら|なかった場合|ない場合)",
            r"(?:お楽しみ|ご活用|ご愛用)(?:いただけ|頂け)(?:てい)?(?:ましたら|たら|るようでしたら|ているようでしたら)",
            r"(?:ご期待|ご満足)に(?:お応え|沿え|添え)(?:でき|出来)(?:ましたら|たら|た場合)",
            r"(?:ご満足|お気に召し|気に入って)(?:いただけ|頂け)?(?:まし)?たでしょうか|ご満足(?:いただけ|頂け)ましたか",
            r"(?:無事に|問題なく)[^。！？\n]{0,20}?(?:ましたら|たら|た場合)",
            r"お役に立て(?:ましたら|たなら|ているようでしたら|ておりましたら)",
        ],
    }
)
# A satisfaction condition about the resolution ("if you are satisfied that we resolved your
# concerns") is Amazon's own removal-request wording: allowed in a removal request.
RESOLUTION_TERMS = _table(
    {
        "en": [
            r"\b(?:resolv|solv|sort|fix|address|settl|handl)(?:ed|e|ing)\b|\bresolution\b|\bdealt\s+with\b|\btook\s+care\b",
            r"\bpossible\s+(?:for\s+you\s+)?to\s+(?:update|change|remove|revise)\b",
        ],
        "de": [r"\b(?:gelöst|behoben|erledigt|geklärt|Lösung)\b|\b(?:ist\s+es|es\s+ist)\s+möglich\b"],
        "fr": [r"\b(?:résolu|réglé|résolution|solution)\w*|\bil\s+est\s+possible\s+de\b"],
        "es": [r"\b(?:resuel\w+|solucion\w+|resolv\w+)|\bes\s+posible\b"],
        "it": [r"\b(?:risolt\w*|risoluzione|soluzione|sistemat\w*)|\bè\s+possibile\b"],
        "ja": [r"解決|対応|可能"],
    },
    ordered=False,
)
NEGATION_RE = re.compile(r"\b(?:not|nicht|pas|no|non)\b|n['’]", re.IGNORECASE)

# --- review_change and removal_in_first_contact ----------------------------------------------

EN_CHANGE_VERBS = (
    r"(?:chang|updat|edit|amend|revis|modif|remov|delet|withdraw|retract|reconsider|adjust|correct|upgrad|rais|improv|"
    r"revisit|rethink|re-?evaluat|re-?rat|reassess)"
    r"(?:e|es|ed|ing|y|ies|ied|ying|s)?|take\s+down|taking\s+down|bump\s+up"
)
# "update you on the review of your case" is news, not a request: skip verbs aimed at a person.
EN_CHANGE_PREFIX = rf"\b(?:{EN_CHANGE_VERBS})\b(?!\s+(?:you|us|them|him|her|me)\b)\s+(?:[\w'-]+\s+){{0,4}}?"

REVIEW_CHANGE = _table(
    {
        "en": [
            EN_CHANGE_PREFIX + r"(?:product\s+|customer\s+|amazon\s+)?reviews?\b",
            EN_CHANGE_PREFIX + r"(?:product\s+rating|(?:star\s+)?rating\s+(?:on|for|of)\s+the\s+(?:product|item)|"
            r"(?:\w+\s+)?(?:on|for)\s+the\s+product(?:\s+page|\s+listing)?)\b",
            r"\breviews?\s+(?:[\w'-]+\s+){0,6}?(?:be|been|get|got)\s+(?:changed|updated|edited|amended|revised|modified|"
            r"removed|deleted|withdrawn|taken\s+down)\b",
        ],
        "de": [
            r"\b(?:Produkt|Kunden)?(?:rezension|Produktbewertung)\w*[^.!?]{0,60}?\b(?:ändern|anpassen|aktualisieren|bearbeiten|"
            r"entfernen|löschen|zurückziehen|überarbeiten|korrigieren|überdenken|anzupassen|zurückzuziehen|"
            r"zu\s+(?:ändern|aktualisieren|bearbeiten|entfernen|löschen|überarbeiten|korrigieren|überdenken))\b",
            r"\b(?:ändern|anpassen|aktualisieren|bearbeiten|entfernen|löschen|überarbeiten|korrigieren)\s+Sie\s+"
            r"[^.!?]{0,40}?\b(?:Produkt|Kunden)?(?:rezension|Produktbewertung)\w*",
            r"\b(?:passen|nehmen|ziehen|stufen|arbeiten)\s+Sie\s+[^.!?]{0,60}?\b\w*(?:rezension|Produktbewertung)\w*"
            r"[^.!?]{0,40}?\b(?:an|zurück|hoch|um|über)\b",
        ],
        "fr": [
            r"\b(?:modifi|supprim|retir|chang|actualis|corrig)\w*\s+(?:\w+\s+){0,3}?"
            r"(?:avis|commentaire|évaluation)s?\s+(?:client|sur\s+(?:le|ce)\s+produit|produit|(?:laissé|publié)\s+sur\s+la\s+(?:page|fiche))",
            r"\b(?:mettre|mettez)\s+à\s+jour\s+(?:\w+\s+){0,3}?(?:avis|commentaire)s?\s+(?:client|sur\s+(?:le|ce)\s+produit|produit)",
            r"\b(?:modifi|supprim|retir|chang|actualis|corrig|revoir|revoyez|mett\w*\s+à\s+jour)\w*\s+(?:\w+\s+){0,3}?"
            r"(?:avis|commentaire|évaluation|note)s?\s+(?:sur|de|concernant|du)\s+(?:l['’]article|le\s+produit|ce\s+produit|"
            r"l['’]objet|cet\s+article|produit|la\s+(?:fiche|page)\s+(?:du\s+)?produit)",
            r"\b(?:modifi|supprim|retir|chang|actualis|corrig|revoir|revoyez|mett\w*\s+à\s+jour)\w*\s+[^.!?]{0,40}?(?:avis|commentaire|évaluation)s?\s+"
            r"[^.!?]{0,45}?(?:page|fiche)\s+(?:du\s+)?produit",
        ],
        "es": [
            r"\b(?:modifi(?:c|qu)|cambi|actuali[zc]|elimin|borr|retir|edit|corregi|reconsider)\w*\s+(?:\w+\s+){0,3}?reseñas?\b",
            r"\b(?:modifi(?:c|qu)|cambi|actuali[zc]|elimin|borr|retir|edit|corregi|reconsider)\w*\s+(?:\w+\s+){0,3}?"
            r"(?:opini[oó]n|valoraci[oó]n|comentario)\s+(?:del|sobre\s+el)\s+producto\b",
        ],
        "it": [
            r"\b(?:modific|cambi|aggiorn|rimuov|elimin|ritir|rived|correg)\w*\s+(?:\w+\s+){0,3}?recension[ei]\b",
            r"\b(?:modific|cambi|aggiorn|rimuov|elimin|ritir|rived|correg)\w*\s+(?:\w+\s+){0,3}?"
            r"valutazione\s+del\s+prodotto\b",
        ],
        "ja": [
            r"(?:商品|カスタマー)?レビュー[^。！？\n]{0,25}?(?:修正|変更|削除|取り消|取消|編集|更新|書き直|書き換え|見直|撤回)",
            r"商品(?:の)?評価[^。！？\n]{0,25}?(?:修正|変更|削除|取り消|取消|編集|更新|書き直|書き換え|見直|撤回)",
        ],
    }
)
REMOVAL_ASK = _table(
    {
        "en": [
            EN_CHANGE_PREFIX + r"(?:feedback|reviews?|ratings?|comments?|stars?|score|(?:1|one|2|two)[\s-]stars?)\b",
            r"\bhope\s+(?:that\s+)?you(?:['’]ll|\s+will|\s+would|['’]d)?\s+(?:feel|find|think|agree|see)\b[^.!?]{0,40}?"
            r"\b(?:feedback|rating|review)\b",
            r"\b(?:give|giving)\s+us\s+(?:a\s+)?(?:higher|better|new|second)\s+(?:rating|score|stars?|chance\s+with\s+your\s+(?:rating|feedback))\b",
            r"\b(?:feedback|review|rating)\s+(?:[\w'-]+\s+){0,6}?(?:be|been|get|got|is|was|are|were)\s+(?:changed|updated|edited|amended|"
            r"revised|modified|removed|deleted|withdrawn|taken\s+down)\b",
            r"\b(?:feedback|review)\s+removal\b|\bremoval\s+of\s+(?:your|the|this)\s+(?:\w+\s+)?(?:feedback|review)\b",
            r"\btak(?:e|ing)\s+(?:the|your|this|that)\s+(?:\w+\s+)?(?:feedback|review|rating|comments?)\s+(?:down|off)\b",
            r"\b(?:feedback|review|rating|comments?)\b[^.!?]{0,50}?\b(?:no\s+longer|not|stops?)\s+(?:be\s+)?"
            r"(?:showing|shown|visible|displayed|appearing|listed|counting|there|on\s+(?:our|the)\s+(?:profile|page|account))\b",
        ],
        "de": [
            r"\b(?:entfernen|löschen|ändern|anpassen|zurückziehen|zurücknehmen|aktualisieren|überarbeiten|überdenken)\s+Sie\s+"
            r"[^.!?]{0,40}?\b\w*(?:Bewertung|Rezension|Feedback)\w*",
            r"\b\w*(?:Bewertung|Rezension|Feedback)\w*[^.!?]{0,60}?\b(?:zu\s+)?(?:entfernen|löschen|ändern|anpassen|"
            r"zurückzuziehen|zurückziehen|zurücknehmen|zurückzunehmen|anzupassen|abzuändern|revidieren|aktualisieren|"
            r"überarbeiten|überdenken)\b",
            r"\b\w*(?:Bewertung|Rezension|Feedback)\w*[^.!?]{0,50}?\b(?:entfernt|gelöscht|geändert|zurückgezogen|angepasst)\s+"
            r"(?:wurde|ist|wird|worden|wäre)\b|\b\w*(?:Bewertung|Rezension|Feedback)\w*[^.!?]{0,50}?\bnicht\s+mehr\s+"
            r"(?:sichtbar|angezeigt|zu\s+sehen|online)\b",
        ],
        "fr": [
            r"\b(?:supprim|retir|modifi|chang|actualis|revoir|revoyez|reconsid[eé]r)\w*\s+(?:\w+\s+){0,3}?"
            r"(?:évaluation|avis|commentaire|note)s?\b",
            r"\b(?:mettre|mettez)\s+à\s+jour\s+(?:\w+\s+){0,3}?(?:évaluation|avis|commentaire|note)s?\b",
            r"\b(?:évaluation|avis|commentaire|note)s?\b[^.!?]{0,50}?\b(?:sera|soit|est|a\s+été|aura\s+été|serait)\s+"
            r"(?:supprimé|retiré|modifié|mis\s+à\s+jour|effacé)\w*|\b(?:évaluation|avis|commentaire)s?\b[^.!?]{0,50}?"
            r"\bn['’](?:est|apparaît|apparaîtra|sera)\s+plus\s+(?:visible|affiché|en\s+ligne)\w*",
        ],
        "es": [
            r"\b(?:elimin|borr|retir|modifi(?:c|qu)|cambi|actuali[zc]|reconsider|quit)\w*\s+(?:\w+\s+){0,3}?"
            r"(?:valoraci[oó]n|opini[oó]n|reseña|comentario|calificaci[oó]n)(?:es|s)?\b",
            r"\b(?:valoraci[oó]n|opini[oó]n|reseña|comentario|calificaci[oó]n)\b[^.!?]{0,50}?\b(?:sea|est[eé]|haya\s+sido|"
            r"ha\s+sido|ser[aá]|fuera)\s+(?:eliminad|retirad|modificad|borrad|actualizad|cambiad)\w*|"
            r"\b(?:valoraci[oó]n|opini[oó]n|comentario)\b[^.!?]{0,50}?\bya\s+no\s+(?:aparezca|aparece|se\s+vea|est[eé]\s+visible)\b",
        ],
        "it": [
            r"\b(?:rimuov|elimin|modific|cambi|aggiorn|ritir|rived|riconsider|rivalut|cancell|togli)\w*\s+(?:\w+\s+){0,3}?"
            r"(?:feedback|valutazion[ei]|recension[ei]|giudizi[oi]|vot[oi]|comment[oi]|stelle)\b",
            r"\b(?:feedback|valutazion[ei]|recension[ei]|giudizi[oi])\b[^.!?]{0,50}?\b(?:sarà|sia|venga|verrà|è|fosse|sarebbe)\s+"
            r"(?:stat[oa]\s+)?(?:rimoss|cancellat|eliminat|modificat|ritirat|aggiornat)\w*|"
            r"\b(?:feedback|valutazion[ei]|recension[ei])\b[^.!?]{0,50}?\bnon\s+(?:sarà|sia|è)\s+più\s+(?:visibile|online)\b",
        ],
        "ja": [
            r"(?:評価|レビュー|フィードバック)[^。！？\n]{0,20}?(?:削除|変更|取り消|取消|取り下げ|修正|見直|更新|撤回|書き換え)",
        ],
    }
)

# A removal asked by reference: "… your feedback. Could you remove it?" — the verb with a
# pronoun (or, in Japanese, the verb alone) in a sentence at or after the feedback it means.
REMOVAL_BY_REFERENCE = _table(
    {
        "en": [
            r"\b(?:remove|delete|withdraw|retract|change|update|edit|revise|reconsider|amend|adjust)\s+(?:it|this|that|them)\b",
            r"\btak(?:e|ing)\s+(?:it|this|that|them)\s+down\b",
            r"\b(?:bump|raise|take)\s+(?:it|this|that)\s+up\b",
            r"\b(?:remove|delete|withdraw|retract|take\s+down)\s+what\s+you\s+(?:wrote|posted|said)\b",
            r"\b(?:you(?:['’]ll|\s+will|\s+would|['’]d|\s+could|\s+might)|please|kindly)\s+(?:\w+\s+)?reconsider\b",
            r"\bchange\s+your\s+mind\b|\bthink\s+again\b|\bgive\s+us\s+(?:another|a\s+second)\s+chance\b",
        ],
        "de": [
            r"\b(?:entfernen|löschen|ändern|zurückziehen|anpassen|überdenken|korrigieren|aktualisieren|überarbeiten)\s+Sie\s+"
            r"(?:sie|diese|dies|es|das)\b",
            r"\b(?:sie|diese|dies|es|das)\s+(?:\w+\s+){0,2}?(?:zu\s+)?(?:entfernen|löschen|ändern|zurückzuziehen|anzupassen|"
            r"zurückziehen|anpassen|überdenken|zu\s+überdenken|aktualisieren|zu\s+aktualisieren)\b",
            r"\bnehmen\s+Sie\s+(?:sie|diese|es)\s+(?:\w+\s+)?(?:zurück|raus|heraus)\b",
            r"\b(?:Ihren|den)\s+Eintrag\b[^.!?]{0,30}?\b(?:zurückzunehmen|zurücknehmen|zu\s+löschen|löschen|zu\s+entfernen|entfernen)\b|"
            r"\bwas\s+Sie\s+geschrieben\s+haben\b[^.!?]{0,20}?\b(?:zurück|löschen|entfernen)\w*",
            r"\b(?:noch\s+einmal|nochmals)\s+(?:zu\s+)?überdenken\b|\bIhre\s+Meinung\s+(?:zu\s+)?ändern\b|\bzweite\s+Chance\b",
        ],
        "fr": [
            r"\b(?:la|le|les|l['’])\s*(?:retirer|supprimer|modifier|changer|enlever|effacer|reconsidérer|revoir|retiriez|"
            r"supprimiez|modifiiez)\b",
            r"\b(?:la|le|les)\s+mettre\s+à\s+jour\b",
            r"\b(?:retirez|supprimez|modifiez|changez|enlevez|effacez)[-\s](?:la|le|les)\b",
            r"\bchanger\s+d['’]avis\b|\breconsidér\w+\b|\bseconde\s+chance\b",
            r"\b(?:retirer|supprimer|effacer|enlever)\s+ce\s+que\s+vous\s+avez\s+(?:écrit|publié)\b",
        ],
        "es": [
            r"\b(?:eliminar|borrar|retirar|quitar|modificar|cambiar|actualizar|reconsiderar|editar)(?:la|lo|las|los)\b",
            r"\b(?:la|lo|las|los)\s+(?:elimine|borre|retire|quite|modifique|cambie|actualice|eliminara|borrara|retirara|"
            r"quitara|cambiara|eliminase|modificara)\b",
            r"\b(?:elimínela|bórrela|retírela|quítela|cámbiela|modifíquela|actualícela|elimínelo|bórrelo|retírelo)\b",
            r"\bcambiar\s+de\s+opini[oó]n\b|\breconsider\w+\b|\bsegunda\s+oportunidad\b",
            r"\b(?:retirar|eliminar|borrar|quitar)\s+lo\s+que\s+(?:usted\s+)?(?:escribi[oó]|ha\s+escrito|public[oó]|ha\s+publicado)\b",
        ],
        "it": [
            r"\b(?:rimuover|eliminar|cancellar|modificar|cambiar|aggiornar|ritirar|toglier|rivederl)(?:lo|la|li|le)\b",
            r"\b(?:la|lo|li|le)\s+(?:rimuova|elimini|cancelli|modifichi|cambi|aggiorni|ritiri|tolga|riveda)\b",
            r"\bcambiare\s+idea\b|\briconsider\w+\b|\bseconda\s+possibilità\b",
            r"\b(?:eliminare|rimuovere|cancellare|togliere|ritirare)\s+(?:quanto|ciò\s+che|quello\s+che)\s+(?:ha|hai)\s+(?:scritto|pubblicato)\b",
        ],
        "ja": [
            r"(?:削除|取り消し|取消|取り下げ|変更|修正|撤回|見直し|書き換え)て?(?:して|を|いただ|頂|くだ|下さ|お願い|願え)|ご再考|再考"
        ],
    }
)
# A product review named explicitly (not seller feedback): what "could you update that one
# too?" refers to in a review change asked by reference.
PRODUCT_REVIEW_TERMS = _table(
    {
        "en": [
            r"\bproduct\s+reviews?\b|\breviews?\s+(?:on|of|for)\s+the\s+(?:product|item|\w+\s+page)\b|\bproduct\s+page\b",
            r"\breviews?\s+(?:\w+\s+){0,2}?(?:under|on|below|beneath|for)\s+the\s+(?:listing|product|item)\b|\blisting\s+page\b",
        ],
        "de": [r"\b\w*rezension\w*|\bProduktbewertung\w*|\bProduktseite\b"],
        "fr": [
            r"\bavis\s+(?:sur|du)\s+(?:le\s+)?produit\b|\b(?:fiche|page)\s+(?:du\s+)?produit\b|\bcommentaire\s+client\b"
        ],
        "es": [r"\breseñas?\b|\bp[aá]gina\s+del\s+producto\b"],
        "it": [r"\brecension[ei]\b|\bpagina\s+del\s+prodotto\b"],
        "ja": [r"(?:商品)?レビュー|商品ページ"],
    },
    ordered=False,
)
REVIEW_BY_REFERENCE = _table(
    {
        "en": [
            r"\b(?:remove|delete|change|update|edit|revise|amend|adjust)\s+(?:it|this|that|them|that\s+one|this\s+one)\b",
            r"\btak(?:e|ing)\s+(?:it|this|that|them)\s+down\b",
            r"\b(?:if|so\s+that)\s+(?:that|this|the|your)\s+(?:one|review)\s+(?:\w+\s+){0,2}?(?:reflected|reflects|mentioned|"
            r"showed|included|said)\b",
        ],
        "de": [
            r"\b(?:passen|ändern|aktualisieren|löschen|entfernen)\s+Sie\s+(?:diese|sie|die|es)\s+(?:\w+\s+)?(?:an|auch|ebenfalls)\b",
            r"\b(?:wenn|dass|ob)\s+Sie\s+(?:diese|sie|die|es|das)\s+(?:\w+\s+){0,4}?(?:aktualisieren|ändern|anpassen|löschen|"
            r"entfernen|überarbeiten|bearbeiten|zurücknehmen)\b",
            r"\b(?:könnten|würden|möchten|wollen)\s+Sie\s+(?:\w+\s+){0,2}?(?:die|diese|sie|es|das)\s+(?:\w+\s+){0,2}?"
            r"(?:aktualisieren|ändern|anpassen|löschen|entfernen|überarbeiten|bearbeiten)\b",
        ],
        "fr": [
            r"\b(?:la|le|les)\s+(?:modifier|mettre\s+à\s+jour|retirer|supprimer|changer)\b|\bcelui-ci\b|\bcelle-ci\b"
        ],
        "es": [
            r"\b(?:actualizar|modificar|cambiar|eliminar|borrar)(?:la|lo|las|los)\b|\besa\s+también\b",
            r"\b(?:la|lo|las|los)\s+(?:actualizara|actualice|modificara|modifique|cambiara|cambie|eliminara|elimine|"
            r"borrara|borre|editara|edite|revisara|revise)\b",
        ],
        "it": [
            r"\b(?:aggiornar|modificar|cambiar|eliminar|rimuover)(?:la|lo|le|li)\b|\banche\s+quella\b",
            r"\b(?:la|lo|le|li)\s+(?:aggiornasse|aggiorni|modificasse|modifichi|cambiasse|cambi|eliminasse|elimini|"
            r"rimuovesse|rimuova|rivedesse|riveda)\b",
        ],
        "ja": [r"(?:そちら|こちら)も(?:更新|修正|変更|削除)|(?:も|の方も)(?:更新|修正|変更|書き換え)"],
    }
)


# Pressure or guilt about the feedback in a first contact: what the rating does to the seller.
BUSINESS_HARM = _table(
    {
        "en": [
            r"\b(?:hurts?|hurting|harms?|harming|damag(?:es|ing)|affects?|affecting|threatens?|jeopardi[sz]es?|"
            r"devastat\w+|upsets?|crush(?:es|ing)|kills?|ruins?|sinks?|punish(?:es)?)\s+(?:us|our|me|my)\b",
            r"\b(?:we\s+are|we['’]re|i\s+am|i['’]m)\s+(?:\w+\s+)?(?:devastated|heartbroken|crushed|upset|distraught)\b",
            r"\b(?:small|family|one-person|tiny)(?:[\s-]+(?:family|owned|run))*\s+(?:business|company|shop|store|team)\b",
            r"\b(?:stay|survive|remain)\s+on\s+Amazon\b|\b(?:our|the)\s+(?:livelihood|survival|account\s+health|ranking)\b",
            r"\bsuspen(?:d|ded|sion)\b",
            r"\b(?:lose|losing|risk)\s+(?:our\s+)?(?:visibility|ranking|Buy\s+Box|account|listing)\b|\bwe\s+(?:risk|could\s+lose)\b",
            r"\b(?:knock|push|drop|pull)s?\s+us\s+(?:off|down|out)\b|\bfirst\s+page\b|\bkitchen\s+table\b",
            r"\bjust\s+(?:the\s+)?(?:two|three)\s+of\s+us\b",
            r"\b(?:one|two|three|four|\d)[\s-]+(?:person|people|man|woman)\s+(?:business|company|shop|store|team|operation)\b",
            r"\bthreshold\b|\bcome\s+back\s+from\b|\b(?:from|at)\s+(?:our|my)\s+(?:garage|kitchen|home|living\s+room|spare\s+room)\b",
            r"\bevery\s+(?:single\s+)?(?:star|rating|review|feedback)\s+(?:\w+\s+)?(?:counts|matters)\b",
            r"\bchange\s+of\s+heart\b|\bsecond\s+thoughts\b|\bjeopardi[sz]\w*|\bsmall\s+brand\b|\bwe\s+are\s+(?:just\s+|only\s+)?(?:two|three|four)\s+people\b|\b(?:take|taking)\s+(?:this|that|it)\s+into\s+account\b|"
            r"\b(?:bear|keep)\s+(?:this|that|it)\s+in\s+mind\b|\bbreak\s+our\s+hearts?\b",
        ],
        "de": [
            r"\b(?:schadet|schaden|trifft|treffen|belastet|schmerzt|bedroht|gefährdet|ruiniert|verletzt)\s+(?:\w+\s+)?"
            r"(?:uns|unser\w*|mich|mein\w*)\b",
            r"\b(?:uns|unser\w*)\s+(?:\w+\s+){0,2}?(?:schadet|schaden|weh|zu\s+schaffen)\b",
            r"\b(?:kleine[ns]?\s+)?Familien(?:unternehmen|betrieb|geschäft)\b|\bkleine[ns]?\s+(?:Unternehmen|Betrieb|Händler|Shop)\b",
            r"\bExistenz\w*|\bSperrung\b|\bgesperrt\b|\bSichtbarkeit\b|\bRanking\b|\bwir\s+riskieren\b",
            r"\bjede[rs]?\s+(?:einzelne[rs]?\s+)?(?:Stern|Bewertung)\s+(?:\w+\s+)?zählt\b|\bverschwinden\b|\bSchwelle\b",
            r"\bgefährde\w*|\bUmdenken\b|\banders\s+überlegen\b|\bkleine\s+Marke\b|\bwir\s+sind\s+(?:nur\s+)?(?:zu\s+)?(?:zweit|dritt|viert)\b|\bberücksichtigen\b",
        ],
        "fr": [
            r"\b(?:nous|me)\s+(?:\w+\s+)?(?:nuit|nuisent|fait\s+(?:\w+\s+)?mal|blesse|pénalise|menace|coûte)\b",
            r"\b(?:nuit|nuire|pénalise|menace|ruine|détruit)\s+(?:à\s+)?(?:notre|nos)\b",
            r"\b(?:petite\s+)?entreprise\s+familiale\b|\bpetite\s+(?:entreprise|boutique)\b",
            r"\bsurvie\b|\bsuspen(?:du|sion)\b|\bvisibilité\b|\bnous\s+risquons\b",
            r"\bchaque\s+(?:étoile|note|avis|évaluation)\s+(?:\w+\s+)?compte\b|\bdispara[iî]\w*|\bpetit\s+atelier\b|\bseuil\b",
            r"\bcompromet\w+|\brevirement\b|\bpetite\s+(?:marque|librairie)\b|\bnous\s+sommes\s+(?:seulement\s+)?(?:deux|trois|quatre)\b|\ben\s+tenir\s+compte\b|\btiendrez\s+compte\b",
        ],
        "es": [
            r"\b(?:nos|me)\s+(?:\w+\s+)?(?:hace\s+(?:\w+\s+)?daño|perjudica|duele|afecta|hunde|arruina|amenaza)\b",
            r"\b(?:hundir|arruinar|perjudicar|dañar)\s+(?:nuestr\w+|nuestro\s+negocio)\b",
            r"\b(?:pequeñ[oa]\s+)?(?:negocio|empresa)\s+familiar\b|\bpequeñ[oa]\s+(?:negocio|empresa|tienda)\b",
            r"\bsupervivencia\b|\bsuspend\w+|\bvisibilidad\b|\barriesgamos\b",
            r"\bcada\s+(?:estrella|valoraci[oó]n|opini[oó]n|reseña)\s+(?:\w+\s+)?cuenta\b|\bdesaparec\w+|\bumbral\b",
            r"\bcomprometer\w*|\bcambio\s+de\s+opini[oó]n\b|\bafecta\w*\s+(?:\w+\s+){0,2}?a\s+(?:una|nuestra)\b|\b(?:marca|tienda)\s+pequeña\b|\bpequeña\s+marca\b|"
            r"\bsomos\s+(?:solo\s+)?(?:dos|tres|cuatro)\s+personas\b|\bpartir[ií]a\s+el\s+coraz[oó]n\b|\bhundier\w+|"
            r"\b(?:tengas?|tenerlo|tengan)\s+en\s+cuenta\b",
        ],
        "it": [
            r"\b(?:ci|mi)\s+(?:\w+\s+)?(?:danneggia|fa\s+(?:\w+\s+)?male|penalizza|rovina|minaccia|affonda|pesa)\b",
            r"\b(?:danneggia|danneggiare|rovinare|penalizzare|affondare)\s+(?:\w+\s+)?(?:nostr\w+)\b",
            r"\b(?:piccola\s+)?(?:azienda|impresa|attività)\s+(?:a\s+conduzione\s+)?familiare\b|\bpiccol[ao]\s+(?:azienda|negozio|impresa)\b",
            r"\bsopravvivenza\b|\bsospe(?:so|sa|nsione)\b",
            r"\battività\s+di\s+famiglia\b|\bpesa\s+(?:\w+\s+)?su\s+di\s+noi\b|\brischiamo\b|\bperdere\s+visibilità\b",
            r"\bogni\s+(?:singola\s+)?(?:stella|valutazione|recensione|feedback)\s+(?:\w+\s+)?conta\b|\bscompar\w+|\bsoglia\b|\bvisibilità\b",
            r"\bsparir\w*|\bsparisc\w+|\bdalle\s+ricerche\b|\bdi\s+famiglia\b|\bpensarci\s+con\s+calma\b|\bdavvero\s+giusto\b|"
            r"\bcompromett\w+|\ba\s+conduzione\s+familiare\b|\bripensament\w+|\bripensarci\b|"
            r"\bpenalizz\w+|\bpesa\s+(?:molto|moltissimo|tanto)\b|\bpiccol[ao]\s+(?:\w+\s+)?(?:bottega|laboratorio|marchio|sartoria)\b|"
            r"\b(?:a|mettiamo\s+a)\s+rischio\b|\bsiamo\s+(?:solo\s+)?in\s+(?:due|tre|quattro)\b|\btener\w*\s+conto\b|\bterrà\s+conto\b",
        ],
        "ja": [
            r"影響|打撃|痛手|存続|死活|致命的|苦しい|辛い|つらい|悲しい|ダメージ|アカウント停止|小さな(?:店|お店|会社|家族経営)|家族経営|"
            r"表示順位|検索結果|死活問題|大きな痛手|心苦しい|胸が痛|小さな(?:ショップ|店舗)|販売継続|大変厳し|お汲み取り|ご賢察"
        ],
    }
)


# In a first contact, the feedback named in the same sentence as a hope that the buyer will see
# it again, more kindly, or that it will no longer describe the experience: a removal urged
# without the word "remove".
RECONSIDER_HINT = _table(
    {
        "en": [
            r"\bno\s+longer\s+(?:reflects?|represents?|appl(?:y|ies)|(?:be\s+)?accurate|fair|true|describes?|matters?)\b",
            r"\b(?:another|a\s+second|a\s+fresh|a\s+new)\s+look\b|\blook\s+(?:at\s+\w+\s+)?again\b",
            r"\b(?:see|view|think\s+of|judge)\s+(?:it|things|this|us|the\s+matter)\s+(?:again|differently|"
            r"in\s+a\s+(?:new|different|better)\s+light)\b",
            r"\bmore\s+(?:kindly|favou?rabl[ey]|leniently|generously|positively)\b",
            r"\b(?:reflects?|reflected|represents?)\s+(?:your|the)\s+(?:current|new|updated|actual|final|whole|full)\b",
            r"\breflect\s+(?:how|what|the\s+way)\b|\bhope\s+(?:that\s+)?your\s+(?:rating|feedback|review)\s+(?:can|will|might|could)\b",
            r"\bstill\s+(?:stands?|feel\s+the\s+same)\b|\bin\s+(?:view|light)\s+of\s+(?:this|the\s+(?:fix|replacement|refund))\b",
            r"\binto\s+account\b",
        ],
        "de": [
            r"\bmilder\b|\bnachsichtiger\b|\bwohlwollender\b|\bin\s+einem\s+(?:neuen|anderen)\s+Licht\b|\banders\s+sehen\b",
            r"\bnoch\s+(?:einmal|mal)\s+(?:\w+\s+)?(?:ansehen|anschauen|betrachten|überdenken|prüfen|draufschauen)\b",
            r"\bnicht\s+mehr\s+(?:zutreffend|zutrifft|entspricht|aktuell|stimmt)\b|\bim\s+Hinblick\s+auf\s+Ihre\b|\bberücksichtigen\b",
        ],
        "fr": [
            r"\bà\s+nouveau\b|\bde\s+nouveau\b|\bun\s+(?:autre|nouveau)\s+regard\b|\bd['’]un\s+autre\s+œil\b",
            r"\bsous\s+un\s+(?:autre|nouveau|meilleur)\s+jour\b|\bplus\s+(?:indulgent|clément|favorable)\w*|\btenir\s+compte\b",
            r"\bne\s+(?:reflète|correspond|refléterait|correspondrait)\s+plus\b",
        ],
        "es": [
            r"\botro\s+vistazo\b|\bde\s+nuevo\b|\bnuevamente\b|\bvolver\s+a\s+(?:mirar|revisar|ver|valorar|evaluar)\b",
            r"\breplante\w+|\bcon\s+otros\s+ojos\b|\bm[aá]s\s+(?:favorable|benévol\w+|indulgente)\b|\ben\s+cuenta\b",
            r"\bya\s+no\s+(?:refleja|corresponde|reflejar[aá]|responde)\b",
        ],
        "it": [
            r"\bdi\s+nuovo\b|\bnuovamente\b|\bun\s+altro\s+sguardo\b|\bun['’]altra\s+occhiata\b|\bcon\s+occhi\s+diversi\b",
            r"\bpiù\s+(?:benevol\w+|indulgente|favorevole|clemente)\b|\bnon\s+(?:rispecchia|riflette|corrisponde)\s+più\b",
            r"\brivedere\b|\briguardare\b|\btener\w*\s+conto\b|\bterrà\s+conto\b",
        ],
        "ja": [r"改めて|再度|もう一度|今一度|お考え直し|ご一考|反映され(?:なく|ない)"],
    }
)
# The first thing other buyers read: the public feedback, pressed on without naming it.
OTHERS_READ_FIRST = _table(
    {
        "en": [
            r"\bfirst\s+thing\s+(?:that\s+)?(?:other\s+|future\s+|new\s+)?(?:buyers|customers|shoppers|people|families|parents|"
            r"visitors)\s+(?:\w+\s+)?(?:read|see|notice)\b"
        ],
        "de": [
            r"\berste[ns]?,?\s+was\s+(?:andere|künftige|neue)\s+(?:Kunden|Käufer|Familien|Eltern)\s+(?:\w+\s+)?(?:lesen|sehen)\b"
        ],
        "fr": [
            r"\bpremière\s+chose\s+que\s+(?:les\s+)?(?:autres|futurs|nouveaux)\s+(?:clients|acheteurs|familles|parents)\b"
        ],
        "es": [
            r"\blo\s+primero\s+que\s+(?:los\s+)?(?:otros|futuros|nuevos)\s+(?:clientes|compradores|familias|padres)\b"
        ],
        "it": [
            r"\bprima\s+cosa\s+che\s+(?:gli\s+)?(?:altri|futuri|nuovi)\s+(?:clienti|acquirenti|famiglie|genitori)\b"
        ],
        "ja": [r"他の(?:お客様|購入者|ご家族)[^。！？\n]{0,10}?(?:最初に)?(?:目にする|読む|ご覧になる)"],
    }
)
# A request that asks for any verdict, good or bad: not a condition on satisfaction.
EVEN_HANDED = _table(
    {
        "en": [
            r"\bwhether\b[^.!?]{0,80}?\bor\b|\b(?:good|positive)\s+or\s+(?:bad|negative)\b|\bhowever\s+it\s+went\b",
            r"\bwhatever\s+(?:it\s+is|your\s+(?:verdict|experience|opinion))\b",
        ],
        "de": [r"\bob\b[^.!?]{0,80}?\boder\b|\b(?:gut|positiv)\s+oder\s+(?:schlecht|negativ)\b|\bwie\s+auch\s+immer\b"],
        "fr": [
            r"\bque\b[^.!?]{0,60}?\bou\s+(?:non|pas|mal|moins|qu['’])|\b(?:bonne|positive)s?\s+ou\s+(?:mauvaise|négative)s?\b",
            r"\bsoit\b[^.!?]{0,60}?\bsoit\b|\bquel(?:le)?\s+qu['’](?:il|elle)\s+soit\b",
        ],
        "es": [
            r"\btanto\s+si\b[^.!?]{0,80}?\bcomo\s+si\b|\b(?:buena|positiva)s?\s+o\s+(?:mala|negativa)s?\b",
            r"\bsea\s+cual\s+sea\b|\bfuera\s+como\s+fuera\b",
        ],
        "it": [
            r"\bsia\s+(?:che\s+)?[^.!?]{0,60}?\bsia\s+che\b|\b(?:positiv|buon)[ao]\s+o\s+(?:negativ|cattiv)[ao]\b",
            r"\bqualunque\s+(?:essa\s+)?sia\b|\bcom(?:e|unque)\s+sia\s+andata\b",
        ],
        "ja": [r"良い(?:点|こと)?も悪い|良くも悪くも|良い評価も悪い評価も|どのような(?:評価|ご意見|ご感想)"],
    },
    ordered=False,
)

# --- links, addresses, numbers ---------------------------------------------------------------

ORDER_ID_RE = re.compile(r"(?<!\d)\d{3}-\d{7}-\d{7}(?!\d)")
ORDER_ID_PLACEHOLDER_RE = re.compile(r"\{\{\s*order_id\s*(?:\|[^}]*)?\}\}")
AMAZON_DOMAINS = (
    "amazon.com",
    "amazon.co.uk",
    "amazon.de",
    "amazon.fr",
    "amazon.it",
    "amazon.es",
    "amazon.co.jp",
    "amazon.ca",
    "amazon.com.mx",
    "amazon.com.au",
    "amazon.in",
    "amazon.se",
    "amazon.com.br",
    "amazon.nl",
    "amazon.pl",
    "amazon.com.be",
    "amazon.com.tr",
    "amazon.ae",
    "amazon.sa",
    "amazon.sg",
    "amazon.eg",
)
# Carriers' own sites: a tracking link for the buyer's parcel is needed to complete the order.
CARRIER_DOMAINS = (
    "ups.com",
    "usps.com",
    "fedex.com",
    "dhl.com",
    "dhl.de",
    "dhl.co.uk",
    "dhl.fr",
    "dhl.es",
    "dhl.it",
    "dhlparcel.co.uk",
    "dhlparcel.es",
    "deutschepost.de",
    "royalmail.com",
    "parcelforce.com",
    "evri.com",
    "hermesworld.com",
    "myhermes.de",
    "yodel.co.uk",
    "dpd.com",
    "dpd.co.uk",
    "dpd.de",
    "dpd.fr",
    "gls-group.eu",
    "gls-group.com",
    "gls-italy.com",
    "gls-spain.es",
    "laposte.fr",
    "colissimo.fr",
    "chronopost.fr",
    "correos.es",
    "correosexpress.com",
    "mondialrelay.fr",
    "mondialrelay.es",
    "relaiscolis.com",
    "tnt.com",
    "ctt.pt",
    "inpost.it",
    "inpost.es",
    "fukutsu.co.jp",
    "seur.com",
    "mrw.es",
    "nacex.es",
    "poste.it",
    "brt.it",
    "sda.it",
    "canadapost-postescanada.ca",
    "canadapost.ca",
    "purolator.com",
    "estafeta.com",
    "auspost.com.au",
    "postnl.nl",
    "bpost.be",
    "ontrac.com",
    "kuronekoyamato.co.jp",
    "sagawa-exp.co.jp",
    "japanpost.jp",
)
URL_CHARS = r"[A-Za-z0-9\-._~:/?#\[\]@!$&*+,;=%']"
URL_RE = re.compile(rf"\b(?:https?://|ftp://|www\.){URL_CHARS}+", re.IGNORECASE)
TLDS = (
    r"co\.uk|co\.jp|com\.au|com\.mx|com\.br|com\.tr|com|net|org|info|biz|shop|store|online|site|io|co|me|app|"
    r"de|fr|es|it|uk|jp|eu|ca|us|at|ch|nl|be|pl|se|mx|au|in|br|ly|gl|to"
)
BARE_DOMAIN_RE = re.compile(
    rf"(?<![\w@.\-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]{{0,61}}[A-Za-z0-9])?\.)+(?P<tld>{TLDS})(?![A-Za-z0-9-])(?:/{URL_CHARS}*)?",
    re.IGNORECASE,
)
URL_TRAILING = ".,;:!?)'\""
# The look-behind starts a match only where an address can start: without it a long
# "a.a.a.a..." costs quadratic time.
# Written to dodge filters too: "name (at) shop [dot] com", "sav ( a t ) shop . fr",
# "assistenza [chiocciola] shop [punto] it", "name at shop dot com", "name＠shop.jp".
_AT_WORDS = r"at|ät|a\s?t|chiocciola|arobase|arroba|klammeraffe|アットマーク|アット|あっと"
_DOT_WORDS = r"dot|d\s?o\s?t|punto|point|punkt|ドット"
EMAIL_RE = re.compile(
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+"
    r"(?:\s?[@＠]\s?[A-Za-z0-9\-]+(?:[.．][A-Za-z0-9\-]+)*[.．][A-Za-z]{2,}"
    rf"|\s*[\[(（【]\s*(?:{_AT_WORDS}|@)\s*[\])）】]\s*[A-Za-z0-9\-]+"
    rf"(?:\s*(?:[\[(（]\s*(?:{_DOT_WORDS})\s*[\])）]|\.|\s\.\s|\s(?:{_DOT_WORDS})\s)\s*[A-Za-z0-9\-]{{2,}})+"
    rf"|\s+(?:{_AT_WORDS})\s+[A-Za-z0-9\-]+(?:\s+(?:{_DOT_WORDS})\s+[A-Za-z0-9\-]{{2,}})+)",
    re.IGNORECASE,
)

PHONE_CANDIDATE_RE = re.compile(
    r"(?<![A-Za-z0-9_.,/+\-])(?:\+|\(\+?)?\d[\d \u00a0().\-–/－‐（）]{4,40}\d(?![A-Za-z0-9_/%\-])"
)
# A number spelled out digit by digit to dodge filters: "five one two, eight eight four ...".
DIGIT_WORDS = (
    r"zero|oh|one|two|three|four|five|six|seven|eight|nine|double[\s-]+\w+|triple[\s-]+\w+|"
    r"null|eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun|"
    r"zéro|un|deux|trois|quatre|cinq|six|sept|huit|neuf|"
    r"cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|"
    r"due|tre|quattro|cinque|sei|sette|otto|nove"
)
# French numbers are read in pairs: "zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit".
FRENCH_PAIR = (
    r"(?:(?:dix|onze|douze|treize|quatorze|quinze|seize|vingts?|trente|quarante|cinquante|soixante|quatre|"
    r"un|deux|trois|cinq|six|sept|huit|neuf|et)(?:-|\s+et\s+|(?=[\s,.]))){1,4}"
)
TENS_WORDS = (
    r"(?:diez|once|doce|trece|catorce|quince|dieci\w+|veinte|veinti\w+|treinta|cuarenta|cincuenta|sesenta|setenta|ochenta|"
    r"noventa|dieci|venti|trenta|quaranta|cinquanta|sessanta|settanta|ottanta|novanta)(?:\s+y\s+\w+|\w*)"
)
# The Latin forms under one leading word boundary (the CJK forms never start where they do).
SPELLED_PHONE_RE = re.compile(
    rf"\b(?=\w)(?:(?:(?:{DIGIT_WORDS}|\d)[\s,.\-–/]+){{6,}}(?:{DIGIT_WORDS}|\d)\b"
    rf"|zéro\s+(?:un|deux|trois|quatre|cinq|six|sept|huit|neuf)(?:[\s,.]+{FRENCH_PAIR}){{4}}"
    rf"|(?:(?:{DIGIT_WORDS}|{TENS_WORDS})[\s,.\-–/]+){{3,}}(?:{TENS_WORDS}[\s,.\-–/]+){{1,}}{TENS_WORDS}\b)"
    r"|[〇零一二三四五六七八九]{7,}"
    r"|[〇零一二三四五六七八九]{2,4}(?:[・\-ー－‐\s][〇零一二三四五六七八九]{2,4}){2,}"
    r"|(?:(?:ゼロ|レイ|マル|イチ|ニ|サン|ヨン|ゴー?|ロク|ナナ|ハチ|キュー?|キュウ)[・\-－‐\s]?){8,}",
    re.IGNORECASE,
)
PHONE_KEYWORD_RE = re.compile(
    r"(?:\b(?:tel|phone|call|fax|hotline|telefon|téléphone|appelez|teléfono|llámenos|llame|telefono|chiami|chiamare|"
    r"text\s+(?:me|us)|ring\s+(?:me|us)|whatsapp|sms|mobile|cell|handy|anrufen|portable|móvil|cellulare)\b"
    r"|電話|TEL)[^\n]{0,25}$",
    re.IGNORECASE,
)
# Numbers after these words are parcel or postal codes, not phones.
NOT_PHONE_PREFIX_RE = re.compile(
    r"(?:\b(?:tracking|track|sendungsnummer|sendungsverfolgung|suivi|seguimiento|tracciamento|invoice|rechnung|facture|"
    r"factura|fattura|postcode|post\s+code|zip|plz|postleitzahl|code\s+postal|c[oó]digo\s+postal|cap|isbn|ean|asin|sku)\b"
    r"|〒|郵便番号|伝票番号|追跡番号|お問い合わせ番号)[^\n]{0,25}$",
    re.IGNORECASE,
)
# Warranty, carrier and manufacturer numbers are allowed; they still get a warning to check.
PHONE_ALLOWED_CONTEXT_RE = re.compile(
    r"warrant|manufactur|carrier|courier|hersteller|garantie|versanddienstleister|paketdienst|fabricant|transporteur|"
    r"fabricante|garant[ií]a|transportista|produttore|garanzia|corriere|メーカー|保証|運送会社|配送業者|"
    # the carriers by name: "UPS customer service can be reached at ..."
    r"\b(?:UPS|USPS|DHL|FedEx|Royal\s+Mail|Evri|Hermes|DPD|GLS|Yodel|Canada\s+Post|La\s+Poste|Colissimo|Chronopost|"
    r"Correos|SEUR|MRW|Poste\s+Italiane|BRT|SDA|Deutsche\s+Post|bpost|PostNL|Postes\s+Canada|Purolator|Estafeta|"
    r"Australia\s+Post|Japan\s+Post|Swiss\s+Post|paqueter[ií]a)\b|(?-i:\bPost\b)|ヤマト|佐川|日本郵便|ゆうパック",
    re.IGNORECASE,
)
CURRENCY_BEFORE_RE = re.compile(r"[$€£¥₹]\s*$|\b(?:USD|EUR|GBP|JPY|CAD|AUD)\s*$")
CURRENCY_AFTER_RE = re.compile(r"^\s*(?:[$€£¥₹円]|\b(?:USD|EUR|GBP|JPY|CAD|AUD|euros?|dollars?)\b)", re.IGNORECASE)
DATE_RE = re.compile(r"^(?:\d{1,2}[./\-]\d{1,2}[./\-](?:\d{2}|\d{4})|\d{4}[./\-]\d{1,2}[./\-]\d{1,2})$")
ZIP_PLUS_FOUR_RE = re.compile(r"^\d{5}-\d{4}$")
THOUSANDS_RE = re.compile(r"^\d{1,3}(?:\.\d{3})+$")

# --- presentation ----------------------------------------------------------------------------

IMAGE_PATTERNS = _table(
    {
        "en": [
            r"<\s*img\b[^>]*>?",
            r"!\[[^\]\n]*\]\([^)\n]*\)",
            r"\[img\][^\[]*\[/img\]",
            r"\b(?:see|view)\s+(?:our|the)\s+(?:\w+\s+)?logo\b",
            r"\blogo\s+(?:below|above|attached)\b",
            r"[\[【]\s*[^\]】\n]{0,40}?\b(?:logo|banner|image|picture)\b[^\]】\n]{0,30}[\]】]",
            r"\b(?:attached|enclosed|attachment)\b[^.!?\n]{0,80}?\b(?:logo|catalog(?:ue)?|brochure|flyer|lookbook)\b",
            r"\b(?:logo|catalog(?:ue)?|brochure|flyer|lookbook)\b[^.!?\n]{0,60}?\b(?:attached|enclosed)\b",
            r"\b(?:attached|enclosed)\s+(?:is\s+|are\s+|please\s+find\s+|you['’]ll\s+find\s+)?(?:our|a|the)\s+(?:\w+\s+){0,2}?"
            r"(?:catalog(?:ue)?|brochure|flyer|leaflet|lookbook)s?\b|\b(?:catalog(?:ue)?|brochure|flyer|lookbook)\s+(?:is\s+)?attached\b",
        ],
        "de": [
            r"\bLogo\s+(?:\w+\s+){0,3}?(?:unten|oben|anbei|im\s+Anhang)\b",
            r"[\[【]\s*[^\]】\n]{0,40}?\b(?:Logo|Banner|Bild)\b[^\]】\n]{0,30}[\]】]",
            r"\b(?:Katalog|Prospekt|Broschüre|Flyer)\w*\s+(?:\w+\s+){0,3}?(?:anbei|im\s+Anhang|angehängt)\b",
            r"\b(?:im\s+Anhang|anbei|angehängt)\b[^.!?\n]{0,80}?(?:Logo|\w*katalog|Prospekt|Broschüre|Flyer)\w*",
        ],
        "fr": [
            r"\blogo\s+(?:ci-dessous|ci-dessus|ci-joint)\b",
            r"[\[【]\s*[^\]】\n]{0,40}?\b(?:logo|bannière|image)\b[^\]】\n]{0,30}[\]】]",
            r"\b(?:catalogue|brochure|dépliant|flyer)\w*\s+(?:\w+\s+){0,3}?(?:ci-joint|en\s+pièce\s+jointe)\b",
            r"\b(?:ci-dessous|ci-joint|en\s+pièce\s+jointe|vous\s+joins|vous\s+joignons)\b[^.!?\n]{0,80}?\b(?:logo|catalogue|brochure|dépliant)\b",
            r"\b(?:logo|catalogue|brochure|dépliant)\b[^.!?\n]{0,80}?\b(?:ci-joint|en\s+pièce\s+jointe)\b",
        ],
        "es": [
            r"\blogo\s+(?:abajo|adjunto|a\s+continuaci[oó]n)\b",
            r"[\[【]\s*[^\]】\n]{0,40}?\b(?:logo|banner|imagen)\b[^\]】\n]{0,30}[\]】]",
            r"\b(?:adjunt\w+)\s+(?:\w+\s+){0,2}?(?:cat[aá]logo|folleto|flyer)\b",
            r"\badjunt\w*\b[^.!?\n]{0,80}?\b(?:logo|cat[aá]logo|folleto)\b|\b(?:logo|cat[aá]logo|folleto)\b[^.!?\n]{0,60}?\badjunt\w*",
        ],
        "it": [
            r"\blogo\s+(?:qui\s+sotto|sotto|allegato|in\s+allegato)\b",
            r"[\[【]\s*[^\]】\n]{0,40}?\b(?:logo|banner|immagine)\b[^\]】\n]{0,30}[\]】]",
            r"\b(?:catalogo|brochure|volantino|depliant)\s+(?:\w+\s+){0,3}?(?:in\s+allegato|allegat\w+)\b",
            r"\b(?:in\s+)?alleg(?:at\w*|o|hiamo)\b[^.!?\n]{0,80}?\b(?:logo|catalogo|brochure|volantino)\b",
        ],
        "ja": [
            r"ロゴ(?:画像)?(?:を|は)?(?:下記|以下|添付)",
            r"【[^】\n]{0,40}?ロゴ[^】\n]{0,10}】|\[[^\]\n]{0,40}?ロゴ[^\]\n]{0,10}\]|［[^］\n]{0,40}?ロゴ[^］\n]{0,10}］",
            r"(?:カタログ|チラシ|パンフレット|画像|写真|ご案内)[^。\n]{0,10}?を?添付(?:いた)?し(?:ました|ております|ます)",
        ],
    }
)
IMPORTANT_SUBJECT_RE = re.compile(
    r"[\[【(（]\s*(?:important|wichtig|importante?|urgent|urgente|dringend|重要|緊急|至急)\s*[\]】)）]"
    r"|^\s*(?:important|wichtig|importante?|urgent|urgente|dringend)\s*[:!：\-–]"
    r"|(?-i:\b(?:IMPORTANT|IMPORTANTE|WICHTIG|URGENT|URGENTE|DRINGEND)\b)"
    r"|(?:重要|緊急|至急)\s*[:：!！]",
    re.IGNORECASE,
)
# The same mark written as words at the head of the subject ("Important information about
# your new ..."): fine for a delay or a recall, but never true of a feedback request.
IMPORTANT_WORDED_SUBJECT_RE = re.compile(
    r"^\s*(?:important|wichtige?|importante?s?)\s+(?:information|info|notice|update|message|news|details|instructions|"
    r"Informationen|Hinweise?|Nachricht)\b"
    r"|^\s*(?:informations?|información|informazioni|avis|aviso|avviso)\s+(?:importantes?|importanti|important)\b"
    r"|^\s*重要な(?:お知らせ|ご案内|情報|ご連絡)",
    re.IGNORECASE,
)
# "[Important]" is allowed when the message is critical to the order: the subject names
# what cannot wait (the address, a recall, a safety issue, a cancellation, customs, payment).
CRITICAL_SUBJECT_RE = re.compile(
    r"\b(?:address|recall\w*|safety|cancel\w*|customs|payment|undeliverable|returned\s+to\s+sender|"
    r"Adresse|Lieferadresse|Anschrift|Rückruf\w*|Sicherheit\w*|Storn\w*|Zoll\w*|Zahlung|"
    r"rappel|sécurité|annul\w*|douane|paiement|"
    r"direcci[oó]n|retirada|seguridad|cancela\w*|aduana|pago|"
    r"indirizzo|richiamo|sicurezza|annull\w*|dogana|pagamento)\b|住所|お届け先|配送先|リコール|安全|キャンセル|回収|通関",
    re.IGNORECASE,
)
# A reply that tells the buyer a review is their own choice, or how to change one when they
# asked, explains; it does not ask.
BUYER_CHOICE = _table(
    {
        "en": [
            r"\b(?:entirely|completely|totally|always)?\s*up\s+to\s+you\b|\byour\s+(?:own\s+)?(?:choice|decision|call)\b",
            r"\b(?:Amazon\s+)?(?:lets|allows)\s+you\b|\bat\s+any\s+time\b|\bno\s+(?:obligation|pressure)\b",
            r"\b(?:we|sellers)\s+(?:can(?:not|['’]t)|may\s+not|are\s+not\s+allowed\s+to|(?:will|would)\s+never)\s+ask\b",
            r"\bhere(?:['’]s|\s+is)\s+how\b|\bto\s+(?:edit|change|update|remove|delete)\s+(?:a|your|the)\s+(?:product\s+)?review\s*,",
            r"\b(?:go\s+to|open)\s+(?:Your\s+Orders|Your\s+Account|the\s+product\s+page)\b",
        ],
        "de": [
            r"\bliegt\s+(?:ganz\s+|allein\s+|völlig\s+)?bei\s+Ihnen\b|\bIhre\s+(?:eigene\s+)?Entscheidung\b",
            r"\bganz\s+wie\s+Sie\s+möchten\b|\bkeine\s+Verpflichtung\b|\bso\s+(?:ändern|bearbeiten|löschen)\s+Sie\b",
            r"\bgehen\s+Sie\s+(?:zu|auf)\b|\b(?:nie|niemals)\s+(?:darum\s+)?bitten\b",
        ],
        "fr": [
            r"\b(?:c['’]est\s+)?(?:entièrement\s+|tout\s+à\s+fait\s+)?(?:votre|à\s+vous\s+de)\s+(?:choix|décider|décision)\b",
            r"\bvous\s+êtes\s+(?:entièrement\s+)?libre\b|\baucune\s+obligation\b|\bvoici\s+comment\b",
            r"\bpour\s+(?:modifier|supprimer)\s+(?:un|votre)\s+(?:avis|commentaire)\s*,|\brendez-vous\s+(?:dans|sur)\b",
            r"\bne\s+vous\s+(?:le\s+)?demanderons\s+jamais\b",
        ],
        "es": [
            r"\b(?:es\s+)?(?:totalmente\s+|completamente\s+)?(?:su|tu)\s+(?:decisi[oó]n|elecci[oó]n)\b|\bcomo\s+usted\s+prefiera\b",
            r"\bsin\s+ning[uú]n\s+compromiso\b|\bes\s+libre\s+de\b|\bas[ií]\s+(?:es\s+)?como\b",
            r"\bpara\s+(?:modificar|editar|eliminar)\s+(?:una|su)\s+reseña\s*,|\bvaya\s+a\b|\bnunca\s+(?:le|te)\s+pediremos\b",
        ],
        "it": [
            r"\b(?:è\s+)?(?:del\s+tutto\s+|interamente\s+)?(?:una\s+)?(?:sua|tua)\s+(?:scelta|decisione)\b",
            r"\bè\s+liber[oa]\s+di\b|\bnessun\s+obbligo\b|\becco\s+come\b|\bdecid[ie]\s+(?:tu|lei)\b",
            r"\bper\s+(?:modificare|eliminare)\s+(?:una|la\s+sua)\s+recensione\s*,|\bvada\s+(?:su|in)\b",
            r"\b(?:ti|le|vi)\s+chieder(?:emo|ò)\s+mai\b",
        ],
        "ja": [
            r"(?:お客様|ご自身)の(?:ご)?(?:判断|自由|ご判断|お気持ち)|任意|手順|方法(?:は|です)|お願いすることはありません"
        ],
    },
    ordered=False,
)
OPT_OUT_PATTERNS = _table(
    {
        "en": [
            r"\bunsubscrib\w*",
            r"\bopt(?:-|\s)?out\b",
            r"\b(?:reply|text|type|send|respond)\s+(?:with\s+)?[\"'“]?(?-i:STOP|UNSUBSCRIBE)\b",
            r"\bstop\s+receiving\b",
            r"\b(?:no\s+longer|do\s+not|don't|not)\s+(?:wish|want)\s+to\s+(?:receive|get)\s+(?:any\s+)?"
            r"(?:more|further|these|future|our)\s+(?:messages|e-?mails|mails|requests|reminders|communications|notifications)\b",
            r"\b(?:no\s+longer|do\s+not|don't)\s+(?:wish|want)\s+to\s+hear\s+from\s+us\b",
            r"\bremove\s+you\s+from\s+(?:our|the)\s+(?:[\w-]+\s+){0,2}?list\b",
            r"\b(?:prefer|rather)\s+not\s+(?:to\s+)?(?:receive|get|hear)\b",
            r"\breply\s+(?:with\s+)?[\"'“]?(?:no\s+thanks|no|stop|remove|unsubscribe)[\"'”]?\s+and\s+we\s+(?:won['’]t|will\s+not)\b",
            r"\bnot\s+keen\s+on\s+(?:\w+\s+)?(?:messages|e-?mails)\b",
            r"\bto\s+stop\s+(?:these|further|future|our)\s+(?:messages|e-?mails|requests|reminders)\b",
            r"\breply\s+(?:with\s+)?[\"'“]?(?-i:NO|REMOVE|END)[\"'”]?\s+(?:to|and)\b",
            r"\b(?:reply|respond|answer|write\s+back)\s+(?:to\s+(?:this|us)\s+)?(?:with\s+)?(?:just\s+)?(?:the\s+word\s+)?"
            r"[\"'“‘]?\w+[\"'”’]?\s+and\s+we(?:['’]ll|\s+will)\s+(?:leave\s+you|not|never|stop|remove|take\s+you)\b",
            r"\bleave\s+you\s+in\s+peace\b|\bwon['’]t\s+(?:hear|get\s+(?:any\s+)?more)\s+from\s+us\b",
            r"\b(?:not\s+keen\s+on|rather\s+not\s+be)\s+(?:\w+\s+){0,2}?(?:hearing\s+from|contacted|messages|e-?mails)\b",
        ],
        "de": [
            r"\babmelden\b",
            r"\bAbmeldung\b",
            r"\bkeine\s+(?:weiteren\s+)?(?:Nachrichten|E-Mails|Mails|Erinnerungen)\s+(?:mehr\s+)?(?:von\s+uns\s+)?"
            r"(?:erhalten|bekommen)",
            r"\bantworten\s+Sie\s+(?:mit\s+)?[\"„“]?(?-i:STOPP?)\b",
            r"\bantworte(?:n\s+Sie|t)?\s+(?:\w+\s+){0,3}?mit\s+(?:dem\s+Wort\s+)?[\"„“]?(?-i:STOPP?|NEIN|ABMELDEN)\b",
            r"\b(?:keine|nicht\s+mehr)\s+(?:weiteren\s+)?(?:Nachrichten|E-Mails|Mails)\s+(?:mehr\s+)?(?:von\s+uns\s+)?(?:wünschen|möchten|wollen)",
            r"\blieber\s+keine\s+(?:weiteren\s+)?(?:Nachrichten|E-Mails|Mails)\b",
        ],
        "fr": [
            r"\bdésabonn\w*",
            r"\bdésinscri\w*",
            r"\bne\s+plus\s+recevoir\b",
            r"\bne\s+(?:souhaitez|voulez)\s+plus\s+(?:recevoir|être\s+contacté)",
            r"\bpréférez\s+ne\s+(?:pas|plus)\s+recevoir\b|\bpour\s+ne\s+plus\s+(?:recevoir|être\s+contacté)",
            r"\brépondez\s+(?:par\s+)?[\"«]?\s*(?-i:STOP|ARR[ÊE]T)\b",
            r"\brépond(?:ez|s)(?:-nous)?\s+(?:\w+\s+){0,2}?(?:par|avec)\s+(?:le\s+mot\s+)?[\"«]?\s*(?-i:STOP|NON|ARR[ÊE]T)\b",
            r"\bne\s+(?:veux|souhaites)\s+plus\s+recevoir\b",
        ],
        "es": [
            r"\bdar(?:se|te|le)?\s+de\s+baja\b",
            r"\bresponda\s+(?:con\s+)?[\"“«]?(?-i:BAJA|STOP)\b",
            r"\bresp[oó]nd(?:a|e|enos|anos|ernos)\s+(?:\w+\s+){0,2}?(?:con\s+)?(?:la\s+palabra\s+)?[\"“«]?(?-i:BAJA|STOP|NO)\b",
            r"\bno\s+(?:quieres|deseas)\s+recibir\s+(?:m[aá]s|otros)\b|\bprefieres\s+no\s+recibir\b",
            r"\bno\s+(?:desea|quiere)\s+recibir\s+m[aá]s\b",
            r"\bprefiere\s+no\s+recibir\b|\bpara\s+no\s+recibir\s+m[aá]s\b|\bno\s+(?:desea|quiere)\s+recibir\s+(?:otros|m[aá]s)\b",
            r"\bcancelar\s+(?:la\s+)?suscripci[oó]n\b",
        ],
        "it": [
            r"\bdisiscriv\w*",
            r"\b(?:cancellare|annullare)\s+l['’]iscrizione\b",
            r"\bnon\s+ricevere\s+più\b",
            r"\bnon\s+(?:desidera|vuole)\s+più\s+ricevere\b",
            r"\b(?:preferisce|preferisci)\s+non\s+ricevere\b|\bper\s+non\s+ricevere\s+(?:più|altre|ulteriori)\b",
            r"\bnon\s+(?:desidera|vuole|desideri|vuoi)\s+ricevere\s+(?:altr[ei]|ulteriori|più)\b",
            r"\brispond\w*\s+(?:con\s+)?[\"«“]?(?-i:STOP|NO|CANCELLA)\b",
            r"\brispond\w*\s+(?:\w+\s+){0,2}?(?:con\s+)?[\"«“]\s*(?:no|stop|cancella|basta)\s*[\"»”]",
            r"\b(?-i:CANCELLAMI)\b",
        ],
        "ja": [
            r"配信停止|配信を停止|受信拒否",
            r"今後(?:の)?(?:メッセージ|メール|ご連絡)(?:の|を|が)?(?:配信)?(?:不要|ご不要|停止)",
            r"「停止」と",
            r"(?:メール|メッセージ|ご連絡)(?:を|の|が)?(?:配信を)?(?:ご)?(?:希望|必要と)(?:され|し)(?:ない|ません)",
        ],
    }
)
MARKETING_PATTERNS = _table(
    {
        "en": [
            r"\bnew\s+(?:products?|arrivals?|collections?|releases?|launch(?:es)?|line\s+of)\b",
            r"\bjust\s+launched\b",
            r"\b(?:spring|summer|autumn|fall|winter|holiday|christmas|new|latest)\s+collections?\b",
            r"\bstay\s+tuned\b",
            r"\b(?:store|site)[\s-]?wide\b",
            r"\byoutu\.be\b",
            r"\b(?:check\s+out|browse|visit|explore|discover|take\s+a\s+look\s+at)\s+(?:our|the)\s+"
            r"(?:(?:other|latest|new|full|whole|entire|amazon|complete|wide)\s+)?(?:[\w-]+\s+){0,2}?(?:products?|items?|range|collections?|store|shop|"
            r"storefront|catalog(?:ue)?|brand\s+store|website|site)\b",
            r"\bour\s+other\s+(?:products?|items?|listings?|brands?)\b",
            r"\b(?:upcoming|exclusive|special|latest|lightning|holiday|seasonal)\s+(?:deals?|sales?|offers?|promotions?)\b",
            r"\b(?:Black\s+Friday|Cyber\s+Monday|Prime\s+Day)\b",
            r"\b(?:on|our|big|summer|winter|spring|flash|clearance|holiday)\s+sale\b",
            r"\bfollow\s+us\b",
            r"\b(?:Facebook|Instagram|TikTok|Twitter|YouTube|Pinterest|Snapchat|LinkedIn|WhatsApp)\b",
            r"(?-i:\b(?:on|at|via)\s+X\b(?=\s*(?:\(|[.,!]|$)))",
            r"\bnewsletters?\b",
            r"\bmailing\s+list\b",
            r"\byou\s+(?:might|may|will|would)\s+(?:also\s+)?(?:like|love|enjoy)\s+our\b",
            r"\b(?:customers|buyers|shoppers)\s+who\s+bought\b[^.!?]{0,60}?\balso\s+(?:bought|purchased|liked|loved)\b",
            r"\b(?:off|on)\s+your\s+next\s+(?:order|purchase|product)\b",
            r"\bfrom\s+our\s+(?:own\s+)?(?:website|web\s+site|online\s+(?:store|shop))\b",
            r"\b(?:place|make)\s+(?:a\s+second|another|a\s+repeat)\s+order\b",
            r"\bwe\s+also\s+(?:sell|carry|stock)\b",
            r"\bour\s+(?:[\w-]+\s+){0,3}(?:is|are)\s+back\s+in\s+stock\b|\bour\s+matching\b",
            r"\bjust\s+search\b|\bsearch\s+(?:for\s+)?[\"“][^\"”]{1,40}[\"”]\s+on\s+Amazon\b",
            r"\bwe(?:['’]ve|\s+have)\s+just\s+(?:added|launched|released)\b",
            r"\b(?:more|rest)\s+of\s+our\s+(?:products|items|range|collection)\b",
            r"\bnow\s+available\b|\b(?:try|get|grab)\s+our\s+(?:new|latest|other|upgraded|improved)\b",
            r"\b(?:we|I)\s+(?:recommend|suggest)\s+(?:trying\s+|you\s+try\s+)?our\s+(?:new|latest|other|upgraded|improved|premium)\b",
            r"\b(?:see|view|shop|explore)\s+our\s+(?:full|whole|entire|complete|wide)\s+(?:range|line|collection|catalog(?:ue)?|selection)\b",
            rf"\bvisit\s+(?:us\s+(?:at|on)\s+)?(?:https?://)?(?:www\.)?(?!amazon\.)[a-z0-9-]+\.(?:{TLDS})\b",
            r"\bdon['’]t\s+miss\s+(?:out\s+on\s+)?(?:our|the)\b",
            r"\b(?:subscribe|sign\s+up)\s+(?:to|for)\s+(?:our|the)\b",
            r"\b(?:is|are)\s+(?:now\s+)?(?:on\s+(?:sale|promotion|special\s+offer)|discounted)\b|\bour\s+(?:entire|whole|full)\s+(?:line|range)\b",
            r"\bour\s+new\s+(?:[\w-]+\s+){0,3}?(?:collection|range|line|arrivals?|designs?|models?|versions?)\b|"
            r"\b(?:in|on|at)\s+our\s+(?:Amazon\s+)?(?:store|shop|storefront)\b|\b(?:rest|remainder)\s+of\s+our\s+(?:\w+\s+)?(?:range|products|line|collection)\b|\bhas\s+just\s+(?:landed|dropped|launched)\b",
            r"\bon\s+our\s+(?:web)?site\s+you(?:['’]ll|\s+will|\s+can)?\s+find\b|"
            r"\b(?:learn|find\s+out|read)\s+more\s+about\s+(?:us|our)\b|"
            r"\bour\s+(?:[\w-]+\s+){0,2}?(?:catalog(?:ue)?|brochure|lookbook)s?\b|\beverything\s+else\s+we\s+(?:make|sell|offer|stock)\b|"
            r"\bfull\s+range\b",
        ],
        "de": [
            r"\bneuen?\s+(?:Produkte|Kollektion(?:en)?|Neuheiten)\b",
            r"\bneuen?\s+\w*(?:kollektion|sortiment|linie)\w*",
            r"\b(?:schauen|stöbern|sehen)\s+Sie\s+(?:\w+\s+){0,3}?(?:in|durch|bei)\s+unsere[mnr]?\s+(?:\w+\s+)?"
            r"(?:Shop|Store|Sortiment|Onlineshop|Markenshop|Website)\b",
            r"\bNeuheiten\b",
            r"\bunsere[nm]?\s+(?:anderen|weiteren|übrigen)\s+(?:Produkte|Artikel|Angebote)\b",
            r"\b(?:Sonder)?angebote\b",
            r"\b\w*(?:schlussverkauf|rabattaktion|aktionswoche)\w*",
            r"\bSchnäppchen\w*",
            r"\bfolgen\s+Sie\s+uns\b",
            r"\bbesuchen\s+Sie\s+(?:auch\s+)?unseren?\s+(?:Shop|Store|Website|Markenshop|Onlineshop)\b",
            r"\b(?:im\s+ganzen\s+Shop|auf\s+das\s+gesamte\s+Sortiment)\b",
            r"\bentdecken\s+Sie\s+(?:auch\s+)?unser\w*",
            r"\bwerfen\s+Sie\s+(?:doch\s+)?(?:mal\s+)?einen\s+Blick\s+(?:in|auf)\s+unser\w*|\bhaben\s+(?:gerade|soeben)\s+\w+\s+neu\b",
            r"(?<!\bwie\s)\bim\s+Angebot\b(?!\s+(?:angegeben|beschrieben|genannt|aufgeführt))|\bunser(?:e|em)?\s+(?:gesamte[ns]?|ganze[ns]?)\s+(?:Sortiment|Produktlinie|Linie)\b",
            r"\bunser\w*\s+(?:\w+\s+){0,2}?\w*(?:katalog|prospekt|broschüre)\w*",
            r"\bin\s+unserem\s+(?:\w+\s+)?(?:Shop|Onlineshop|Store)\b|\bschauen\s+Sie\s+(?:gern\s+|gerne\s+)?vorbei\b|"
            r"\bunser\w*\s+neue\w*\s+(?:[\w-]+\s+){0,2}?[\w-]*(?:Serie|Kollektion|Linie|Produkte|Modelle)\b|"
            r"\bauf\s+unserer\s+(?:Web)?(?:seite|site)\b",
            r"\bmehr\s+(?:über|zu)\s+unser\w*\b[^.!?]{0,60}?\berfahren\s+Sie\b|\berfahren\s+Sie\s+(?:mehr\s+)?(?:unter|auf)\b",
        ],
        "fr": [
            r"\bnouveaux\s+produits\b",
            r"\bnouvelles?\s+collections?\b|\bcollection\s+(?:d['’]automne|d['’]hiver|de\s+printemps|d['’]été)\b",
            r"\bretrouvez\s+(?:toutes?\s+)?(?:nos|notre)\b",
            r"\bnouveautés\b",
            r"\bnos\s+autres\s+(?:produits|articles)\b",
            r"\bsoldes\b",
            r"\boffres?\s+(?:à\s+venir|spéciales?|exclusives?)\b",
            r"\bventes?\s+(?:flash|privées?)\b",
            r"\bsuivez[\s-]nous\b",
            r"\bdécouvrez\s+(?:aussi\s+|également\s+)?(?:nos|notre)\b",
            r"\bvisitez\s+(?:notre|nos)\s+(?:boutique|site)\b",
            r"\bjetez\s+un\s+(?:œil|oeil|coup\s+d['’]œil)\s+(?:à|sur)\s+(?:notre|nos)\b|\bnous\s+venons\s+d['’](?:ajouter|lancer)\b",
            r"\bsur\s+toute\s+notre\s+boutique\b",
            r"\ben\s+promo(?:tion)?\b|\btoute\s+(?:notre|la)\s+gamme\b",
            r"\bnotre\s+(?:\w+\s+){0,2}?(?:catalogue|brochure)\b|\bsur\s+notre\s+site\b|\ben\s+savoir\s+plus\s+sur\s+(?:nous|notre|nos)\b",
        ],
        "es": [
            r"\bnuevos\s+productos\b",
            r"\bnueva\s+colecci[oó]n\b|\bcolecci[oó]n\s+de\s+(?:otoño|invierno|primavera|verano)\b",
            r"\bnovedades\b",
            r"\bnuestros\s+otros\s+productos\b",
            r"\brebajas\b",
            r"\bofertas\b",
            r"\bs[ií]ganos\b",
            r"\beche\s+un\s+vistazo\s+a\s+nuestr\w+|\bacabamos\s+de\s+(?:añadir|agregar|lanzar)\b",
            r"\bbolet[ií]n\b",
            r"\bdescubra\s+(?:tambi[eé]n\s+)?nuestr[oa]s?\b",
            r"\ben\s+toda\s+(?:nuestra|la)\s+tienda\b",
            r"\ben\s+(?:promoci[oó]n|oferta)\b|\btoda\s+(?:nuestra|la)\s+(?:gama|l[ií]nea)\b",
            r"\bvisit\w*\s+(?:tambi[eé]n\s+)?nuestr[ao]\s+(?:tienda|web|p[aá]gina)\b|\bde\s+la\s+misma\s+colecci[oó]n\b|"
            r"\btoda\s+la\s+colecci[oó]n\b|"
            r"\bnuestro\s+(?:\w+\s+){0,2}?(?:cat[aá]logo|folleto)\b|\ben\s+nuestra\s+(?:p[aá]gina\s+)?web\b|\bm[aá]s\s+(?:informaci[oó]n\s+)?sobre\s+nuestr\w+",
        ],
        "it": [
            r"\bnuovi\s+prodotti\b",
            r"\bnuova\s+collezione\b|\bcollezione\s+(?:autunnale|invernale|primaverile|estiva|autunno|inverno)\b",
            r"\bnovità\b",
            r"\b(?:altri\s+nostri|nostri\s+altri)\s+prodotti\b",
            r"\bsaldi\b",
            r"\bofferte\b",
            r"\bseguici\b",
            r"\b(?:dai|dia|date)\s+un['’]occhiata\s+(?:al|alla|ai|alle|allo)\s+nostr\w+|\bvetrina\b|\babbiamo\s+appena\s+aggiunto\b",
            r"\bci\s+segua\b",
            r"\bscopra\s+(?:anche\s+)?(?:i\s+|le\s+)?nostr[ie]\b",
            r"\b(?:su|in)\s+tutto\s+il\s+(?:nostro\s+)?negozio\b",
            r"\bin\s+(?:promozione|offerta|saldo)\b|\btutta\s+la\s+(?:nostra\s+)?(?:linea|gamma)\b|\bapprofitti\w*\s+per\s+ricordar\w*",
            r"\b(?:il\s+)?nostro\s+(?:\w+\s+){0,2}?catalogo\b|\btutti\s+i\s+nostri\s+prodotti\b|\bla\s+(?:nostra\s+)?brochure\b",
            r"\bvisit\w*\s+(?:anche\s+)?(?:il\s+)?nostro\s+(?:negozio|sito|shop)\b|\bsul\s+nostro\s+sito\b|\btutta\s+la\s+(?:nostra\s+)?collezione\b|\bnuove\s+(?:tinte|collezioni|linee|proposte)\b",
            r"\b(?:scopr\w+|maggiori\s+informazioni)\s+(?:di\s+più\s+)?su(?:l|lla|i|gli)?\s+nostr\w+",
        ],
        "ja": [
            r"新商品|新製品|新作",
            r"(?:当店の)?(?:他|その他|ほか)の商品",
            r"セール(?!ス)",
            r"キャンペーン",
            r"フォロー(?!アップ)",
            r"メルマガ|メールマガジン|ニュースレター",
            r"ストアページ|ショップページ|新しく(?:追加|入荷)",
            r"カタログ",
        ],
    }
)

# --- emoji -----------------------------------------------------------------------------------

# Characters drawn as emoji by default (Unicode Emoji_Presentation), plus pictographs that
# sellers type as emoji even without the emoji variation selector.
EMOJI_RANGES = (
    (0x231A, 0x231B),
    (0x23E9, 0x23EC),
    (0x23F0, 0x23F0),
    (0x23F3, 0x23F3),
    (0x25FD, 0x25FE),
    (0x2600, 0x2604),
    (0x260E, 0x260E),
    (0x2611, 0x2611),
    (0x2614, 0x2615),
    (0x2618, 0x2618),
    (0x261D, 0x261D),
    (0x2620, 0x2620),
    (0x2622, 0x2623),
    (0x2626, 0x2626),
    (0x262A, 0x262A),
    (0x262E, 0x262F),
    (0x2638, 0x263A),
    (0x2640, 0x2640),
    (0x2642, 0x2642),
    (0x2648, 0x2653),
    (0x265F, 0x2660),
    (0x2663, 0x2663),
    (0x2665, 0x2666),
    (0x2668, 0x2668),
    (0x267B, 0x267B),
    (0x267E, 0x267F),
    (0x2692, 0x2697),
    (0x2699, 0x2699),
    (0x269B, 0x269C),
    (0x26A0, 0x26A1),
    (0x26A7, 0x26A7),
    (0x26AA, 0x26AB),
    (0x26B0, 0x26B1),
    (0x26BD, 0x26BE),
    (0x26C4, 0x26C5),
    (0x26C8, 0x26C8),
    (0x26CE, 0x26CF),
    (0x26D1, 0x26D1),
    (0x26D3, 0x26D4),
    (0x26E9, 0x26EA),
    (0x26F0, 0x26F5),
    (0x26F7, 0x26FA),
    (0x26FD, 0x26FD),
    (0x2702, 0x2702),
    (0x2705, 0x2705),
    (0x2708, 0x270D),
    (0x270F, 0x270F),
    (0x2712, 0x2712),
    (0x2714, 0x2714),
    (0x2716, 0x2716),
    (0x271D, 0x271D),
    (0x2721, 0x2721),
    (0x2728, 0x2728),
    (0x2733, 0x2734),
    (0x2744, 0x2744),
    (0x2747, 0x2747),
    (0x274C, 0x274C),
    (0x274E, 0x274E),
    (0x2753, 0x2755),
    (0x2757, 0x2757),
    (0x2763, 0x2764),
    (0x2795, 0x2797),
    (0x27A1, 0x27A1),
    (0x27B0, 0x27B0),
    (0x27BF, 0x27BF),
    (0x2B1B, 0x2B1C),
    (0x2B50, 0x2B50),
    (0x2B55, 0x2B55),
    (0x1F004, 0x1F004),
    (0x1F0CF, 0x1F0CF),
    (0x1F170, 0x1F171),
    (0x1F17E, 0x1F17F),
    (0x1F18E, 0x1F18E),
    (0x1F191, 0x1F19A),
    (0x1F1E6, 0x1F1FF),
    (0x1F201, 0x1F202),
    (0x1F21A, 0x1F21A),
    (0x1F22F, 0x1F22F),
    (0x1F232, 0x1F23A),
    (0x1F250, 0x1F251),
    (0x1F300, 0x1F6FF),
    (0x1F7E0, 0x1F7F0),
    (0x1F90C, 0x1F9FF),
    (0x1FA70, 0x1FAFF),
)
VARIATION_SELECTOR_EMOJI = 0xFE0F
ZERO_WIDTH_JOINER = 0x200D
KEYCAP = 0x20E3
EMOJI_MODIFIERS = {VARIATION_SELECTOR_EMOJI, ZERO_WIDTH_JOINER, KEYCAP}

# --- shouting --------------------------------------------------------------------------------

# Emoticons typed as text (":)", ";-)", ":D", "<3", "^^"): emoji by another name.
EMOTICON_RE = re.compile(r"(?<![\w:/(\[])(?:[:;=][\-']?[)(DPp]|<3|\^_?\^|(?-i:xD|XD))(?![\w)(])")
# Emphasis words written in capitals: one is enough to shout ("remove it TODAY").
SHOUTED_WORDS_RE = re.compile(
    r"(?<![\w'’])(?:TODAY|NOW|REALLY|VERY|PLEASE|ASAP|URGENT(?:LY)?|NEVER|ALWAYS|MUST|IMMEDIATELY|"
    r"HEUTE|SOFORT|BITTE|WIRKLICH|DRINGEND|UNBEDINGT|VRAIMENT|IMMÉDIATEMENT|AUJOURD['’]HUI|"
    r"HOY|AHORA|URGENTE|REALMENTE|INMEDIATAMENTE|OGGI|SUBITO|DAVVERO|IMMEDIATAMENTE)(?![\w'’])"
)
EXCLAMATION_ROW_RE = re.compile(r"[!！](?:[ \u00a0]?[!！])+|¡(?:[ \u00a0]?¡)+")
LATIN_WORD_RE = re.compile(r"\b[^\W\d_]+\b")
