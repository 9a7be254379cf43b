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


def _table(entries: dict[str, Iterable[str]], flags: int = re.IGNORECASE) -> dict[str, re.Pattern]:
    return {
        lang: re.compile("|".join(f"(?:{pattern})" for pattern in patterns), flags)
        for lang, patterns in entries.items()
    }


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
            r"(?<![\w.,])[-−]\s?\d+(?:[.,]\d+)?\s?%",
            r"\b(?:use|with|enter|apply)\s+(?:the\s+|our\s+)?code\s+(?-i:[A-Z0-9]{4,})\b",
            r"\b(?:giveaways?|sweepstakes|raffles?|prize\s+draws?)\b",
        ],
        "de": [
            r"\b\w*gutschein\w*",
            r"\b\w*rabatt\w*",
            r"\bmit\s+(?:dem\s+)?Code\s+(?-i:[A-Z0-9]{4,})\b",
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
            r"\bavec\s+le\s+code\s+(?-i:[A-Z0-9]{4,})\b",
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
            r"\bcon\s+el\s+c[oó]digo\s+(?-i:[A-Z0-9]{4,})\b",
            r"\bcup[oó]n(?:es)?\b",
            r"\bc[oó]digos?\s+(?:promocional(?:es)?|de\s+descuento|promo)\b",
            r"\bvales?\s+(?:de\s+(?:descuento|compra|regalo)|regalo)\b",
            r"\bvales?\s+(?:de|por)\s+\d",
            r"\b(?:tarjetas?|cheques?)\s+regalo\b",
            r"\b(?:productos?|art[ií]culos?|muestras?)\s+(?:gratis|gratuit[oa]s?)\b",
            r"\b(?:pequeño|peque[ñn]o)\s+regalo\b|\bregalo\s+para\s+usted\b",
            r"\b(?:le|te|les)\s+regal(?:aremos|amos|ar[eé])\b",
            r"\bsorteos?\b",
        ],
        "it": [
            r"\bscont[oi]\b",
            r"\bcon\s+il\s+codice\s+(?-i:[A-Z0-9]{4,})\b",
            r"\bcoupon\b",
            r"\bcodice\s+(?:sconto|promozionale|promo)\b",
            r"\bbuon[oi]\s+(?:sconto|regalo|acquisto)\b",
            r"\bbuon[oi]\s+da\s+\d",
            r"\bcart[ae]\s+regalo\b",
            r"\b(?:prodott[oi]|articol[oi]|campion[ei])\s+(?:gratuit[oi]|gratis|in\s+omaggio|omaggio)\b",
            r"\bomaggi[o]?\b",
            r"\b(?:piccolo\s+regalo|regalo\s+per\s+(?:lei|te))\b",
            r"\b(?:concorso|estrazione\s+a\s+premi)\b",
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

# An offer tied to feedback: the sentence holds a reward and a condition on a feedback action.
INCENTIVE_CONDITION = _table(
    {
        "en": [
            r"\b(?:if|once|after|when|as\s+soon\s+as|provided(?:\s+that)?|on\s+condition\s+that)\s+you\s+"
            r"(?:[\w']+\s+){0,2}?(?:remove|delete|change|update|revise|edit|amend|leave|write|post|give|share|"
            r"take\s+down|withdraw|retract|improve|raise)\b",
            r"\bin\s+(?:exchange|return)\b",
            r"\bas\s+a\s+thank[\s-]you\s+for\b",
            r"\bto\s+(?:thank\s+you|say\s+thanks?)\s+for\b",
            r"\b(?:leave|leaving|write|writing|post|posting|give|giving|remove|removing|change|changing|update|updating)"
            r"\b[^.!?]{0,60}?\band\s+(?:(?:we|you)(?:'ll|\s+will|\s+would|\s+can|\s+get)\b|"
            r"(?:get|receive|earn|claim)\b)",
        ],
        "de": [
            r"\b(?:wenn|sobald|falls|nachdem)\s+Sie\s+[^.!?]{0,80}?\b(?:entfernen|löschen|ändern|anpassen|zurückziehen|"
            r"abgeben|hinterlassen|schreiben|aktualisieren|überarbeiten|entfernt|gelöscht|geändert|abgegeben|hinterlassen)\b",
            r"\b(?:entfernen|löschen|ändern|anpassen|hinterlassen|schreiben)\b[^.!?]{0,80}?\b(?:dann|im\s+Gegenzug|dafür)\b",
            r"\bim\s+Gegenzug\b",
            r"\bals\s+Dankeschön\s+für\b",
        ],
        "fr": [
            r"\b(?:si|une\s+fois\s+que|dès\s+que|lorsque|quand)\s+vous\s+(?:\w+\s+){0,2}?"
            r"(?:supprim|retir|modifi|chang|laiss|publi|écri|donn|mett)\w*",
            r"\ben\s+(?:échange|contrepartie|remerciement)\b",
            r"\bpour\s+vous\s+remercier\s+(?:de|d['’]|pour)\b",
        ],
        "es": [
            r"\b(?:si|una\s+vez\s+que|en\s+cuanto|cuando)\s+(?:usted\s+)?(?:nos\s+)?"
            r"(?:elimin|borr|retir|modific|cambi|actualiz|dej|escrib|publi)\w*",
            r"\ba\s+cambio\s+de\b",
            r"\bcomo\s+agradecimiento\s+por\b",
            r"\bpara\s+agradecer\w*\s+(?:su|la|el)\b",
        ],
        "it": [
            r"\b(?:se|una\s+volta\s+che|non\s+appena|quando)\s+(?:lei\s+)?(?:ci\s+)?"
            r"(?:rimuov|elimin|modific|cambi|aggiorn|lasc|scriv|pubblic|ritir)\w*",
            r"\bin\s+cambio\b",
            r"\bcome\s+ringraziamento\s+per\b",
            r"\bper\s+ringraziar\w+\s+(?:della|del|dello|per)\b",
        ],
        "ja": [
            r"(?:評価|レビュー|フィードバック)[^。！？\n]{0,25}?(?:いただければ|頂ければ|いただけましたら|頂けましたら|"
            r"いただくと|頂くと|いただいた方|頂いた方|くだされば|下されば|くださった方|したら|すれば)",
            r"代わりに|引き換え|お礼(?:として|に)",
        ],
    }
)
INCENTIVE_REWARD = _table(
    {
        "en": [
            r"\brefund\w*",
            r"\breimburs\w*",
            r"\breplacement\b",
            r"\bmoney\s+back\b",
            r"\bcompensat\w*",
            r"\bcredit\b",
            r"\bfree\b",
            r"\bgifts?\b",
            r"\bbonus\b",
            r"\breward\w*",
            r"\bsurprise\b",
        ],
        "de": [
            r"erstatt\w*",
            r"\bErstattung\b",
            r"\bErsatz\w*",
            r"\bGeld\s+zurück\b",
            r"\bgratis\b",
            r"\bkostenlos\w*",
        ],
        "fr": [r"\brembours\w*", r"\bremplac\w*", r"\bgratuit\w*", r"\bcadeau\w*", r"\bdédommag\w*", r"\boffr\w+"],
        "es": [
            r"\breembols\w*",
            r"\breemplaz\w*",
            r"\bsustitu\w*",
            r"\bregal\w*",
            r"\bgratis\b",
            r"\bgratuit\w*",
            r"\bcompensa\w*",
            r"\bdevol\w+\s+(?:el|su)\s+(?:dinero|importe)\b",
        ],
        "it": [
            r"\brimbors\w*",
            r"\bsostitu\w*",
            r"\bregal\w*",
            r"\bgratuit\w*",
            r"\bgratis\b",
            r"\brisarci\w*",
            r"\brestitu\w+\s+(?:i\s+soldi|l['’]importo)\b",
        ],
        "ja": [r"返金", r"交換", r"プレゼント", r"無料", r"進呈", r"差し上げ", r"お送り"],
    }
)
FEEDBACK_TERMS = _table(
    {
        "en": [r"\b(?:feedback|reviews?|ratings?|rate\s+us|stars?)\b"],
        "de": [r"\b\w*(?:bewertung|rezension|feedback|sterne)\w*", r"\bbewerten\b"],
        "fr": [r"\b(?:évaluations?|avis|commentaires?|notes?|étoiles)\b", r"\b(?:évaluer|noter)\b"],
        "es": [
            r"\b(?:valoraci[oó]n(?:es)?|reseñas?|opini[oó]n(?:es)?|comentarios?|calificaci[oó]n(?:es)?|estrellas)\b"
        ],
        "it": [r"\b(?:feedback|valutazion[ei]|recension[ei]|stelle|giudizi[oi])\b"],
        "ja": [r"評価|レビュー|フィードバック|星"],
    }
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
            r"\bonly\s+if\s+you\b",
            r"\b(?:happy|satisfied|delighted)\s+(?:customers|buyers|shoppers)\b",
            r"\bbefore\s+(?:leaving|posting|giving|writing|submitting)\s+(?:\w+\s+){0,2}?(?:feedback|reviews?|ratings?)\b",
            r"\b(?:contact|message|email)\s+us\s+first\b",
        ],
        "de": [
            r"\b(?:5|fünf)[\s-]*Stern\w*(?:-(?:Bewertung|Rezension|Feedback)\w*)?",
            r"\bpositive[nrs]?\s+(?:Bewertung|Rezension|Feedback|Rückmeldung)\w*",
            r"\b(?:gute[nrs]?|sehr\s+gute[nrs]?|Top|Spitzen)[\s-]*(?:Bewertung|Rezension)\w*",
            r"\bnur\s+(?:wenn|falls)\s+Sie\b",
            r"\bzufriedene[n]?\s+(?:Kunden|Käufer)\b",
            r"\bbevor\s+Sie\s+(?:\w+\s+){0,3}?(?:Bewertung|Rezension|Feedback)\w*",
        ],
        "fr": [
            r"\b(?:5|cinq)\s+étoiles\b",
            r"\b(?:évaluations?|avis|commentaires?|notes?)\s+(?:positi(?:ve|f)s?|favorables?|excellente?s?|élogieu\w+)",
            r"\b(?:bonne|excellente|très\s+bonne)\s+(?:évaluation|note)\b",
            r"\b(?:seulement|uniquement)\s+si\b",
            r"\bavant\s+de\s+(?:laisser|publier|donner)\s+(?:\w+\s+){0,2}?(?:évaluation|avis|commentaire)\b",
        ],
        "es": [
            r"\b(?:5|cinco)\s+estrellas\b",
            r"\b(?:valoraci[oó]n|reseña|opini[oó]n|calificaci[oó]n|comentario)(?:es|s)?\s+"
            r"(?:positiv[oa]s?|favorables?|excelentes?|buen[oa]s?)\b",
            r"\b(?:buena|excelente)\s+(?:valoraci[oó]n|reseña|opini[oó]n|calificaci[oó]n)\b",
            r"\b(?:s[oó]lo|[uú]nicamente)\s+si\b",
            r"\bantes\s+de\s+dejar\s+(?:\w+\s+){0,2}?(?:valoraci[oó]n|reseña|opini[oó]n)\b",
        ],
        "it": [
            r"\b(?:5|cinque)\s+stelle\b",
            r"\b(?:feedback|valutazion[ei]|recension[ei]|giudizi[oi])\s+(?:positiv[oiae]|favorevol[ei]|ottim[oiae]|eccellent[ei])\b",
            r"\b(?:buon[ao]?|ottim[oa])\s+(?:feedback|valutazione|recensione)\b",
            r"\b(?:solo|soltanto|unicamente)\s+se\b",
            r"\bprima\s+di\s+lasciare\s+(?:\w+\s+){0,2}?(?:feedback|recensione|valutazione)\b",
        ],
        "ja": [
            r"(?:星|★|☆)\s*(?:5|５|五)(?:つ)?",
            r"(?:5|５|五)\s*(?:つ)?星",
            r"高評価|良い評価|よい評価|好評価|最高(?:の)?評価|満点",
            r"ポジティブ(?:な)?(?:評価|レビュー|フィードバック)",
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
        ],
        "de": [
            r"\b(?:wenn|falls|sofern)\s+Sie\s+(?:mit\s+[^.,!?]{0,40}?\s+)?(?:\w+\s+){0,2}?"
            r"(?:zufrieden|glücklich|begeistert)\b"
        ],
        "fr": [
            r"\bsi\s+vous\s+(?:êtes|étiez|avez\s+été)\s+(?:\w+\s+){0,2}?(?:satisfaite?s?|contente?s?|ravie?s?|heureu(?:x|se)s?)\b",
            r"\bsi\s+(?:le\s+produit|l['’]article|votre\s+achat)\s+vous\s+a\s+plu\b",
        ],
        "es": [
            r"\bsi\s+(?:usted\s+)?(?:est[aá]|estuvo|ha\s+quedado|qued[oó])\s+(?:\w+\s+){0,2}?"
            r"(?:satisfech[oa]s?|content[oa]s?|encantad[oa]s?)\b",
            r"\bsi\s+le\s+(?:ha\s+)?gust(?:a|[oó]|ado)\b",
        ],
        "it": [
            r"\bse\s+(?:lei\s+)?(?:è|e'|era|è\s+stat[oa]|sei|siete)\s+(?:\w+\s+){0,2}?(?:soddisfatt[oaie]|content[oaie]|felic[ei])\b",
            r"\bse\s+(?:le|ti|vi)\s+(?:è\s+)?piac(?:iut[oa]|e)\b",
        ],
        "ja": [
            r"(?:ご)?満足(?:いただけ|頂け|され)(?:ましたら|ましたなら|たなら|たら|た場合|れば)",
            r"気に入って(?:いただけ|頂け)(?:ましたら|たら|た場合|れば)",
            r"お気に召し(?:ましたら|たら)",
        ],
    }
)
NEGATION_RE = re.compile(r"\b(?:not|nicht|pas|no|non)\b|n['’]", re.IGNORECASE)

# --- review_change and removal_in_first_contact ----------------------------------------------

EN_CHANGE_VERBS = (
    r"(?:chang|updat|edit|amend|revis|modif|remov|delet|withdraw|retract|reconsider|adjust|correct|upgrad|rais|improv)"
    r"(?:e|es|ed|ing|y|ies|ied|ying|s)?|take\s+down|taking\s+down|bump\s+up"
)
# "update you on the review of your case" is news, not a request: skip verbs aimed at a person.
EN_CHANGE_PREFIX = rf"\b(?:{EN_CHANGE_VERBS})\b(?!\s+(?:you|us|them|him|her|me)\b)\s+(?:[\w'-]+\s+){{0,4}}?"

REVIEW_CHANGE = _table(
    {
        "en": [
            EN_CHANGE_PREFIX + r"(?:product\s+|customer\s+|amazon\s+)?reviews?\b",
            r"\breviews?\s+(?:[\w'-]+\s+){0,6}?(?:be|been|get|got)\s+(?:changed|updated|edited|amended|revised|modified|"
            r"removed|deleted|withdrawn|taken\s+down)\b",
        ],
        "de": [
            r"\b(?:Produkt|Kunden)?(?:rezension|Produktbewertung)\w*[^.!?]{0,60}?\b(?:ändern|anpassen|aktualisieren|bearbeiten|"
            r"entfernen|löschen|zurückziehen|überarbeiten|korrigieren|überdenken)\b",
            r"\b(?:ändern|anpassen|aktualisieren|bearbeiten|entfernen|löschen|überarbeiten|korrigieren)\s+Sie\s+"
            r"[^.!?]{0,40}?\b(?:Produkt|Kunden)?(?:rezension|Produktbewertung)\w*",
        ],
        "fr": [
            r"\b(?:modifi|supprim|retir|chang|actualis|corrig)\w*\s+(?:\w+\s+){0,3}?"
            r"(?:avis|commentaire|évaluation)s?\s+(?:client|sur\s+(?:le|ce)\s+produit|produit|(?:laissé|publié)\s+sur\s+la\s+(?:page|fiche))",
            r"\b(?:mettre|mettez)\s+à\s+jour\s+(?:\w+\s+){0,3}?(?:avis|commentaire)s?\s+(?:client|sur\s+(?:le|ce)\s+produit|produit)",
        ],
        "es": [
            r"\b(?:modific|cambi|actualiz|elimin|borr|retir|edit|corregi|reconsider)\w*\s+(?:\w+\s+){0,3}?reseñas?\b",
            r"\b(?:modific|cambi|actualiz|elimin|borr|retir|edit|corregi|reconsider)\w*\s+(?:\w+\s+){0,3}?"
            r"(?:opini[oó]n|valoraci[oó]n|comentario)\s+(?:del|sobre\s+el)\s+producto\b",
        ],
        "it": [
            r"\b(?:modific|cambi|aggiorn|rimuov|elimin|ritir|rived|correg)\w*\s+(?:\w+\s+){0,3}?recension[ei]\b",
            r"\b(?:modific|cambi|aggiorn|rimuov|elimin|ritir|rived|correg)\w*\s+(?:\w+\s+){0,3}?"
            r"valutazione\s+del\s+prodotto\b",
        ],
        "ja": [
            r"(?:商品|カスタマー)?レビュー[^。！？\n]{0,10}?(?:修正|変更|削除|取り消|取消|編集|更新|書き直|見直|撤回)",
            r"商品(?:の)?評価[^。！？\n]{0,10}?(?:修正|変更|削除|取り消|取消|編集|更新|書き直|見直|撤回)",
        ],
    }
)
REMOVAL_ASK = _table(
    {
        "en": [
            EN_CHANGE_PREFIX + r"(?:feedback|reviews?|ratings?|comments?)\b",
            r"\b(?:feedback|review|rating)\s+(?:[\w'-]+\s+){0,6}?(?:be|been|get|got)\s+(?:changed|updated|edited|amended|"
            r"revised|modified|removed|deleted|withdrawn|taken\s+down)\b",
            r"\b(?:feedback|review)\s+removal\b|\bremoval\s+of\s+(?:your|the|this)\s+(?:\w+\s+)?(?:feedback|review)\b",
        ],
        "de": [
            r"\b(?:entfernen|löschen|ändern|anpassen|zurückziehen|aktualisieren|überarbeiten|überdenken)\s+Sie\s+"
            r"[^.!?]{0,40}?\b\w*(?:Bewertung|Rezension|Feedback)\w*",
            r"\b\w*(?:Bewertung|Rezension|Feedback)\w*[^.!?]{0,60}?\b(?:zu\s+)?(?:entfernen|löschen|ändern|anpassen|"
            r"zurückzuziehen|zurückziehen|aktualisieren|überarbeiten|überdenken)\b",
        ],
        "fr": [
            r"\b(?:supprim|retir|modifi|chang|actualis|revoir|revoyez|reconsid[eé]r)\w*\s+(?:\w+\s+){0,3}?"
            r"(?:évaluation|avis|commentaire|note)s?\b",
            r"\b(?:mettre|mettez)\s+à\s+jour\s+(?:\w+\s+){0,3}?(?:évaluation|avis|commentaire|note)s?\b",
        ],
        "es": [
            r"\b(?:elimin|borr|retir|modific|cambi|actualiz|reconsider|quit)\w*\s+(?:\w+\s+){0,3}?"
            r"(?:valoraci[oó]n|opini[oó]n|reseña|comentario|calificaci[oó]n)(?:es|s)?\b",
        ],
        "it": [
            r"\b(?:rimuov|elimin|modific|cambi|aggiorn|ritir|rived|riconsider)\w*\s+(?:\w+\s+){0,3}?"
            r"(?:feedback|valutazion[ei]|recension[ei])\b",
        ],
        "ja": [
            r"(?:評価|レビュー|フィードバック)[^。！？\n]{0,10}?(?:削除|変更|取り消|取消|修正|見直|更新|撤回)",
        ],
    }
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
EMAIL_RE = re.compile(
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+"
    r"(?:@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"
    r"|\s*[\[(]\s*at\s*[\])]\s*[A-Za-z0-9\-]+\s*(?:[\[(]\s*dot\s*[\])]|\.)\s*[A-Za-z]{2,})",
    re.IGNORECASE,
)

PHONE_CANDIDATE_RE = re.compile(r"(?<![A-Za-z0-9_.,/+\-])(?:\+|\(\+?)?\d[\d \u00a0().\-–/]{4,24}\d(?![A-Za-z0-9_/%\-])")
PHONE_KEYWORD_RE = re.compile(
    r"(?:\b(?:tel|phone|call|fax|hotline|telefon|téléphone|appelez|teléfono|llámenos|llame|telefono|chiami|chiamare)\b"
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
    r"fabricante|garant[ií]a|transportista|produttore|garanzia|corriere|メーカー|保証|運送会社|配送業者",
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
        ],
        "de": [r"\bLogo\s+(?:\w+\s+){0,3}?(?:unten|oben|anbei|im\s+Anhang)\b"],
        "fr": [r"\blogo\s+(?:ci-dessous|ci-dessus|ci-joint)\b"],
        "es": [r"\blogo\s+(?:abajo|adjunto|a\s+continuaci[oó]n)\b"],
        "it": [r"\blogo\s+(?:qui\s+sotto|sotto|allegato|in\s+allegato)\b"],
        "ja": [r"ロゴ(?:画像)?(?:を|は)?(?:下記|以下|添付)"],
    }
)
IMPORTANT_SUBJECT_RE = re.compile(
    r"[\[【(（]\s*(?:important|wichtig|importante?|urgent|urgente|dringend|重要|緊急|至急)\s*[\]】)）]"
    r"|^\s*(?:important|wichtig|importante?|urgent|urgente|dringend)\s*[:!：\-–]"
    r"|(?-i:\b(?:IMPORTANT|IMPORTANTE|WICHTIG|URGENT|URGENTE|DRINGEND)\b)"
    r"|(?:重要|緊急|至急)\s*[:：!！]",
    re.IGNORECASE,
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
            r"\bremove\s+you\s+from\s+(?:our|the)\s+(?:mailing\s+)?list\b",
        ],
        "de": [
            r"\babmelden\b",
            r"\bAbmeldung\b",
            r"\bkeine\s+(?:weiteren\s+)?(?:Nachrichten|E-Mails|Mails|Erinnerungen)\s+(?:mehr\s+)?(?:von\s+uns\s+)?"
            r"(?:erhalten|bekommen)",
            r"\bantworten\s+Sie\s+(?:mit\s+)?[\"„“]?(?-i:STOPP?)\b",
        ],
        "fr": [
            r"\bdésabonn\w*",
            r"\bdésinscri\w*",
            r"\bne\s+plus\s+recevoir\b",
            r"\brépondez\s+(?:par\s+)?[\"«]?\s*(?-i:STOP|ARR[ÊE]T)\b",
        ],
        "es": [
            r"\bdar(?:se|te|le)?\s+de\s+baja\b",
            r"\bresponda\s+(?:con\s+)?[\"“«]?(?-i:BAJA|STOP)\b",
            r"\bno\s+(?:desea|quiere)\s+recibir\s+m[aá]s\b",
            r"\bcancelar\s+(?:la\s+)?suscripci[oó]n\b",
        ],
        "it": [
            r"\bdisiscriv\w*",
            r"\b(?:cancellare|annullare)\s+l['’]iscrizione\b",
            r"\bnon\s+ricevere\s+più\b",
            r"\b(?-i:CANCELLAMI)\b",
        ],
        "ja": [
            r"配信停止|配信を停止|受信拒否",
            r"今後(?:の)?(?:メッセージ|メール|ご連絡)(?:の|を|が)?(?:配信)?(?:不要|ご不要|停止)",
            r"「停止」と",
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
            r"(?:(?:other|latest|new|full|whole|entire|amazon)\s+)?(?:products?|items?|range|collections?|store|shop|"
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
        ],
        "de": [
            r"\bneuen?\s+(?:Produkte|Kollektion(?:en)?|Neuheiten)\b",
            r"\bNeuheiten\b",
            r"\bunsere[nm]?\s+(?:anderen|weiteren|übrigen)\s+(?:Produkte|Artikel|Angebote)\b",
            r"\b(?:Sonder)?angebote\b",
            r"\b\w*(?:schlussverkauf|rabattaktion|aktionswoche)\w*",
            r"\bSchnäppchen\w*",
            r"\bfolgen\s+Sie\s+uns\b",
            r"\bbesuchen\s+Sie\s+(?:auch\s+)?unseren?\s+(?:Shop|Store|Website|Markenshop|Onlineshop)\b",
            r"\b(?:im\s+ganzen\s+Shop|auf\s+das\s+gesamte\s+Sortiment)\b",
            r"\bentdecken\s+Sie\s+(?:auch\s+)?unser\w*",
        ],
        "fr": [
            r"\bnouveaux\s+produits\b",
            r"\bnouveautés\b",
            r"\bnos\s+autres\s+(?:produits|articles)\b",
            r"\bsoldes\b",
            r"\boffres?\s+(?:à\s+venir|spéciales?|exclusives?)\b",
            r"\bventes?\s+(?:flash|privées?)\b",
            r"\bsuivez[\s-]nous\b",
            r"\bdécouvrez\s+(?:aussi\s+|également\s+)?(?:nos|notre)\b",
            r"\bvisitez\s+(?:notre|nos)\s+(?:boutique|site)\b",
            r"\bsur\s+(?:toute\s+)?notre\s+boutique\b",
        ],
        "es": [
            r"\bnuevos\s+productos\b",
            r"\bnovedades\b",
            r"\bnuestros\s+otros\s+productos\b",
            r"\brebajas\b",
            r"\bofertas\b",
            r"\bs[ií]ganos\b",
            r"\bbolet[ií]n\b",
            r"\bdescubra\s+(?:tambi[eé]n\s+)?nuestr[oa]s?\b",
            r"\ben\s+toda\s+(?:nuestra|la)\s+tienda\b",
        ],
        "it": [
            r"\bnuovi\s+prodotti\b",
            r"\bnovità\b",
            r"\b(?:altri\s+nostri|nostri\s+altri)\s+prodotti\b",
            r"\bsaldi\b",
            r"\bofferte\b",
            r"\bseguici\b",
            r"\bci\s+segua\b",
            r"\bscopra\s+(?:anche\s+)?(?:i\s+|le\s+)?nostr[ie]\b",
            r"\b(?:su|in)\s+tutto\s+il\s+(?:nostro\s+)?negozio\b",
        ],
        "ja": [
            r"新商品|新製品|新作",
            r"(?:当店の)?(?:他|その他|ほか)の商品",
            r"セール(?!ス)",
            r"キャンペーン",
            r"フォロー(?!アップ)",
            r"メルマガ|メールマガジン|ニュースレター",
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

EXCLAMATION_ROW_RE = re.compile(r"[!！](?:[ \u00a0]?[!！])+|¡(?:[ \u00a0]?¡)+")
LATIN_WORD_RE = re.compile(r"\b[^\W\d_]+\b")
