"""What the feedback-removal classifier looks for, data only: per-language word tables for
profanity and for the three topics (product, delivery, service), promotion cues, the
personal-information patterns and the texts shown to the VA. The code is in eligibility.py.

Each table maps a language code to a list of regular expressions (case-insensitive). A
comment is matched with the tables of its own language; English profanity is checked
in every language (buyers mix it in). When cues of two topics overlap, the longer match
wins, so "arrived damaged" (delivery) hides "damaged", "wrong size" (service) hides "size".
"""

import re

LANGUAGES = ("en", "de", "fr", "es", "it", "ja")


def words(spec: str) -> str:
    """One pattern for a list of words: "kaputt*" takes any ending, "fell_apart" any blank between."""
    tokens = sorted(spec.split(), key=len, reverse=True)
    alternatives = [
        re.escape(t.rstrip("*")).replace("_", r"\s+") + (r"\w*" if t.endswith("*") else r"\b") for t in tokens
    ]
    return r"\b(?:" + "|".join(alternatives) + ")"


def kana(spec: str) -> str:
    """The same for Japanese, which has no word boundaries."""
    return "|".join(re.escape(t) for t in sorted(spec.split(), key=len, reverse=True))


# --- language detection: frequent function words ---------------------------------------------

STOPWORDS = {
    "en": """the and is was it not my to of for but with never this after i me no on at it's didn't doesn't don't
    won't can't i'm its from that they what have has had very just would were be so an out got one all even only
    again here when there will did does""".split(),
    "de": """der die das und ist nicht nach mit ein eine war kam sehr auf zu bei von hat ich mich nie aber schon kein
    keine wurde dem den des sind nur noch auch leider gar habe wird mir sie es für wie als einer einem dass doch
    bitte wieder zwei drei tage woche wochen""".split(),
    "fr": """le les et est pas du un une au des très ne jamais mais pour avec je été reçu toujours c'est s'est j'ai
    n'est n'a qu'il d'un d'une il elle on nous vous sur dans après deux trois jours semaine semaines mois sans plus
    rien déjà aussi tout cette ce ça suis ai""".split(),
    "es": """el los las y es no del un una muy pero con que se me nunca por llegó lo nada ya está están fue son hay mi
    mis su sus dos tres días semana semanas después sin también todo esta este he ha""".split(),
    "it": """il lo gli è non di del un una molto ma con che si mi mai per dopo sono ha della dello delle dei degli
    alla nel nella era ho hanno anche già ancora tutto questa questo due tre giorni settimana settimane senza niente
    nulla più su perché però così""".split(),
}

# --- profanity (clear profanity only; "damn", "Mist", "nul", "schifo", "crap" are not) --------

PROFANITY = {
    "en": [
        r"\b(?:mother)?fuck\w*",
        r"\bf[*#@$]{1,3}c?k\w*",
        r"\bwtf\b",
        r"\b(?:bull)?shit\w*",
        r"\bshite\b",
        r"\bs[*#]{1,2}t\b",
        r"\bsh[*#!]t\w*",
        r"\bb[*#]tch\w*",
        r"\ba[*#]{2}holes?\b",
        r"\b(?:ass|arse)holes?\b",
        r"\b(?:dumb|jack)ass\w*",
        r"\bbitch\w*",
        r"\bcunts?\b",
        r"\bdickheads?\b",
        r"\bwankers?\b",
        r"\btwats?\b",
        r"\bbastards?\b",
        r"\bcocksuck\w*",
        r"\bwhores?\b",
        r"\bsluts?\b",
    ],
    "de": [
        r"\w*schei(?:ß|ss)\w*",
        r"\bbeschissen\w*",
        r"\barsch\w*",
        r"\bverarsch\w*",
        r"\bwichser\w*",
        r"\b(?:ge)?fick\w*",
        r"\bhurensohn\w*",
        r"\bhuren?\b",
        r"\bfotze\w*",
    ],
    "fr": [
        r"\bmerd(?:e|es|ique|iques)\b",
        r"\bputains?\b",
        r"\bputes?\b",
        r"\bconnard\w*",
        r"\bconnasse\w*",
        r"\bencul[ée]\w*",
        r"\bsalope\w*",
        r"\bchier\b",
        r"\bfdp\b",
    ],
    "es": [
        r"\bmierd\w*",
        r"\bjod(?:er|ido|ida|idos|idas)\b",
        r"\bput[ao]s?\b",
        r"\bcabr[oó]n\w*",
        r"\bgilipollas\b",
        r"\bcoño\b",
        r"\bhostias?\b",
        r"\bcarajo\b",
        r"\bpendej\w*",
        r"\bching\w*",
        r"\bcojones\b",
        r"\bcapull[oa]s?\b",
    ],
    "it": [
        r"\bcazz\w*",
        r"\bstracazz\w*",
        r"\bmerd(?:a|e|oso|osa|osi|ose)\b",
        r"\b(?:vaf)?fanculo\b",
        r"\bstronz\w*",
        r"\bminchi\w*",
        r"\bfottut\w*",
        r"\bcoglion\w*",
        r"\bputtan\w*",
    ],
    "ja": [r"クソ", r"くそ", r"糞", r"ファック", r"ちくしょう", r"畜生", r"くたばれ", r"死ね"],
}

# --- topics ------------------------------------------------------------------------------------
# product: the item itself (quality, size, function, looks different than pictured)
# delivery: delivery, shipping, carrier, packaging, transit damage
# service: the seller, communication, refunds/returns, the listing/description, wrong item

CARRIERS = [
    r"\bUPS\b",
    r"\bFed\s?Ex\b",
    r"\bDHL\b",
    r"\bUSPS\b",
    r"\bRoyal\s+Mail\b",
    r"\bHermes\b",
    r"\bEvri\b",
    r"\bDPD\b",
    r"\bGLS\b",
    r"\bTNT\b",
    r"\bAmazon\s+(?:Logistics|Shipping|driver|courier)\b",
]

PRODUCT = {
    "en": [
        r"\bquality\b",
        r"\bcheap(?:ly)?\b",
        r"\bflimsy\b",
        r"\bbr(?:oke|oken|eaks?|eaking)\b",
        r"\bsnapped\b",
        r"\bcrack(?:ed|s)?\b",
        r"\b(?:fell|falls|falling|came|coming)\s+apart\b",
        r"\b(?:fell|falls)\s+off\b",
        r"\bstopped\s+working\b",
        r"\b(?:does\s*n[o']t|doesnt|did\s*n[o']t|won'?t|will\s+not|does\s+not)\s+(?:even\s+)?(?:work|turn\s+on|charge|fit|"
        r"hold|last|close|open|stay)\w*",
        r"\bnot\s+working\b",
        r"\b(?:defective|faulty|fragile|junk|rubbish|garbage|crap|leaks?|leaked|leaking|noisy|loud)\b",
        r"\b(?:dies|died|dead)\b",
        r"\bsmells?\b",
        r"\bstinks?\b",
        r"\btastes?\b",
        r"\bflavou?rs?\b",
        r"\bbatter(?:y|ies)\b",
        r"\b(?:hold|holds)\s+a\s+charge\b",
        r"\bsizes?\b",
        r"\btoo\s+(?:small|big|large|tight|loose|short|long|thin|heavy)\b",
        r"\bruns\s+(?:small|large|big)\b",
        r"\bfits?\b",
        r"\b(?:smaller|bigger|larger)\s+than\b",
        r"\b(?:fabric|material|stitching|seams?|zipper|buttons?|plastic|handle|lid|cable|strap|straps|screen|bass)\b",
        r"\bsound\b",
        r"\bcolou?rs?\b",
        r"\bfaded\b",
        r"\bpictured\b",
        r"\bpictures?\b",
        r"\bphotos?\b",
        r"\blooks?\s+(?:nothing\s+like|different)\b",
        r"\binstructions\b",
        r"\bparts\b",
        r"\bwaterproof\b",
        r"\b(?:un)?comfortable\b",
        r"\bworks?\b",
        r"\bworked\b",
        r"\bwaste\s+of\s+money\b",
        r"\bnot\s+worth\b",
        r"\b(?:great|good|nice|fine|excellent|terrible|bad|poor|awful|horrible|decent|lovely|brilliant|amazing|awesome|"
        r"perfect|solid|crappy|lousy|okay|ok|average|mediocre|quality|superb|fantastic|useless|cheap)\s+(?:product|item)s?\b",
        r"\b(?:product|item)\s+(?:itself\s+)?(?:is|was)\s+(?:\w+\s+)?(?:fine|great|good|ok|okay|junk|bad|terrible|poor|"
        r"garbage|rubbish|excellent)\b",
        words(
            """
            charging charger plug overheat* hot squeak* creak* sole soles heel heels insole laces peel* paint
            chipped chips burned_out burnt_out burns_out bulb bulbs disconnect* connection bluetooth wifi app
            pairing signal motor blade blades dull blurry dim brightness weak sturdy wobbl* unstable rust* mold
            moldy mould mouldy stale bitter sour greasy shrank shrunk shrinks pilling itchy scratchy rough loose
            tight thin thick heavy lightweight stain stains stained scratch scratches scratched hinge hinges
            knob knobs wheel wheels glue sticker stickers cotton leather wooden metal glass rubber foam design
            accuracy inaccurate calibrat* temperature heats heating suction vacuum pressure volume speaker
            speakers microphone mic camera lens resolution pixels keyboard keys mouse cord wire wires adapter
            remote led leds blink* flicker* noise vibrat* drain drains drained draining durable durability
            wore_out worn_out lasts lasted ink nozzle filter taste_awful tastes_awful pillow mattress finish
            seam stitch stitches pocket pockets sleeves collar waist length width
            """
        ),
        r"\bstopped\s+(?:working|charging|heating|cooling|spinning|turning\s+on|lighting\s+up|playing|connecting|pairing|holding)\b",
        r"\b(?:feels?|looks?)\s+(?:very\s+|so\s+|really\s+)?(?:cheap|flimsy|fragile|thin|nothing\s+like)\b",
        r"\bcan'?t\s+(?:sleep|use|wear|sit)\b",
        r"\b(?:straight\s+|right\s+)?out\s+of\s+the\s+box\b",
        words("assembly assemble holes screws line_up"),
        r"\b(?:product|item)\s+(?:itself\s+)?(?:is|was)\s+(?!still|not|never|yet|missing|lost|late|delayed|here|there|"
        r"stuck|delivered|shipped|sent|supposed|clearly|obviously|already|previously|used|wrong|different|damaged|opened|"
        r"refurbished|fake|counterfeit|returned|the\s+wrong)(?:an?\s+)?\w+",
    ],
    "de": [
        r"\bqualität\w*",
        r"\bkaputt\w*",
        r"\bdefekt\w*",
        r"\bfunktionier\w*",
        r"\bgeht\s+nicht\b",
        r"\btotalausfall\b",
        r"\bbillig(?!er)\w*",
        r"\bminderwertig\w*",
        r"\bmaterial\w*",
        r"\bnähte?\b",
        r"\bgröße\w*",
        r"\bzu\s+(?:klein|groß|eng|weit|kurz|lang)\w*",
        r"\bpasst\b",
        r"\bfarbe\w*",
        r"\b(?:bild|foto|abbildung)(?:ern|er|s)?\b",
        r"\bakku\w*",
        r"\blädt\b",
        r"\blaut\b",
        r"\b(?:riecht|stinkt|geruch)\b",
        r"\bstoff\b",
        r"\bverarbeit\w*",
        r"\bplastik\w*",
        r"\bschrott\w*",
        r"\bmüll\b",
        r"\b(?:ab)?gebrochen\b",
        r"\bbricht\b",
        r"\bdisplay\b",
        r"\bschmeckt\b",
        r"\bunbequem\b",
        r"\bwackel\w*",
        r"\banleitung\b",
        r"\b(?:gute[snr]?|schlechte[snr]?|tolle[snr]?|super|top)\s+(?:produkt|artikel|gerät)\b",
        r"\bprodukt\s+(?:ist\s+)?(?:leider\s+)?(?:gut|super|top|mangelhaft|schlecht)\b",
        words(
            """
            reißverschluss* klemmt fussel* eingelaufen einlaufen verfärb* abgefärbt färbt* wasch* wäsche rost*
            schimmel* instabil dünn dick schwer hart weich heiß überhitz* motor lüfter klinge stumpf scharf
            saug* leistung schwach ton klang lautstärke lautsprecher mikrofon kamera bildqualität auflösung
            bluetooth wlan app verbindung verbindet stecker kabel ladekabel ladegerät fernbedienung knopf knöpfe
            tasten schalter griff deckel scharnier* sohle absatz leder holz metall glas gummi kunststoff
            baumwolle design optik passform sitzt leuchtet blinkt flackert geräusch* quietscht vibriert ladung
            haltbarkeit unbrauchbar fehlkauf ramsch undicht tropft ausgelaufen geschmack
            """
        ),
        r"\bhält\s+(?:nicht|kaum|nur)\b",
        r"\b(?:springt|schaltet|lässt)\s+(?:sich\s+)?(?:nicht|kaum)\b",
        r"\bverspricht\b",
        r"\b(?:ding|teil)\s+(?:ist\s+)?(?:\w+\s+)?(?:mist|schrott|müll|kaputt|defekt|gut|super)\b",
        r"\bprodukt\s+(?:ist\s+)?(?:aber\s+|leider\s+|sehr\s+|echt\s+|an\s+sich\s+)?(?:gut|super|top|mangelhaft|schlecht|ok|okay|in\s+ordnung|toll|klasse|prima)\b",
        r"\b(?:produkt|gerät|ding|teil)\s+(?:selbst\s+)?(?:ist|war)\s+(?!noch|nicht|nie|immer|unterwegs|verloren|verschwunden|angekommen|da\b)(?:\w+\s+)?\w+",
    ],
    "fr": [
        r"\bqualité\b",
        r"\bcass[ée]\w*",
        r"\bse\s+casse\b",
        r"\b(?:fonctionne|marche)\s+(?:pas|plus)\b",
        r"\bne\s+(?:fonctionne|marche)\b",
        r"\bdéfectueu\w*",
        r"\btaille\w*",
        r"\btrop\s+(?:petit|grand|serré|court|long|large)\w*",
        r"\bcouleurs?\b",
        r"\b(?:photos?|images?)\b",
        r"\bbatterie\w*",
        r"\btient\s+pas\b",
        r"\bbruyant\w*",
        r"\bbruit\w*",
        r"\bchauffe\w*",
        r"\bodeur\w*",
        r"\b(?:matière|tissu|plastique)s?\b",
        r"\bcouture\w*",
        r"\bfragile\w*",
        r"\bmédiocre\w*",
        r"\bcamelote\b",
        r"\blavage\b",
        r"\bdéfait\w*",
        r"\b(?:bon|mauvais|excellent|super)\s+produit\b",
        r"\bproduit\s+(?:est\s+)?(?:correct|bien|bon|nul|super|parfait)\b",
        words(
            """
            piles écran allume rétréci* déteint décolor* bouloch* rouille moisi épais lourd surchauffe moteur
            lame aspir* puissance faible son volume haut-parleur micro caméra bluetooth wifi appli application
            connexion connecte prise câble chargeur télécommande bouton boutons touche touches interrupteur roue
            roues poignée couvercle charnière semelle talon cuir bois métal verre caoutchouc mousse coton design
            finition finitions fermeture_éclair zip fuite fuit goût inutilisable bas_de_gamme solide
            durée_de_vie décolle* démonte* rayé rayures
            """
        ),
        r"\bne\s+(?:s'allume|charge|tient|chauffe|s'allume)\s+(?:pas|plus)\b",
        r"\bne\s+ressemble\s+(?:pas|en\s+rien)\b",
        r"\b(?:l'|cet\s+|un\s+)?objet\s+(?:est\s+)?(?:\w+\s+)?(?:nul|cassé|défectueux|mauvais|bien|bon|fragile)\b",
        r"\bproduit\s+(?:est\s+)?(?:\w+\s+)?nul\b",
        r"\b(?:produit|objet)\s+(?:lui-même\s+)?(?:est|était)\s+(?!toujours|pas|jamais|arrivé|perdu|en\s+retard|bloqué|bien\s+arrivé)(?:\w+\s+){0,2}\w+",
    ],
    "es": [
        r"\bcalidad\b",
        r"\brot[oa]s?\b",
        r"\b(?:se\s+)?romp\w*",
        r"\bno\s+funciona\b",
        r"\bdejó\s+de\s+funcionar\b",
        r"\bfunciona\s+mal\b",
        r"\bdefectuos\w*",
        r"\btall(?:a|as)\b",
        r"\btamaño\b",
        r"\bdemasiado\s+(?:pequeñ|grande|estrech|cort|larg)\w*",
        r"\bcolor(?:es)?\b",
        r"\b(?:fotos?|imagen|imágenes)\b",
        r"\bbatería\w*",
        r"\bno\s+carga\b",
        r"\bruido\w*",
        r"\bhuele\b",
        r"\bolor\b",
        r"\b(?:material|tela|costuras?|plástico|suela)\b",
        r"\bdespega\w*",
        r"\bfrágil\b",
        r"(?<!más\s)\bbarat[oa]\b",
        r"\b(?:buen|mal|excelente)\s+producto\b",
        r"\bproducto\s+(?:es\s+)?(?:bueno|malo|perfecto|correcto|excelente)\b",
        words(
            """
            tinte destiñe desteñ* encog* bolitas lavado lavados oxid* moho delgad* grueso pesad* calienta*
            sobrecalienta* quemado motor cuchilla succión aspira potencia débil sonido volumen altavoz micrófono
            cámara bluetooth wifi aplicación app conexión conecta enchufe cable cargador mando botón botones
            tecla teclas interruptor rueda ruedas asa mango tapa bisagra tacón cuero madera metal vidrio cristal
            goma espuma algodón diseño acabado acabados cremallera gotea sabor inservible pantalla pilas
            """
        ),
        r"\bno\s+(?:se\s+)?(?:enciende|arranca|sirve|carga|cierra|calienta)\b",
        r"\bdura\s+(?:muy\s+)?poco\b",
        r"\bse\s+(?:abren?|sale|despega|rompe|descose)\b",
        r"\bpierde\s+(?:agua|aire|color|aceite)\b",
        r"\bproducto\s+(?:en\s+sí\s+)?(?:es|era|está|estaba)\s+(?!todavía|aún|perdid|en\s+camino|retenid)(?:un[ao]?\s+)?\w+",
        words("porquería"),
    ],
    "it": [
        r"\bqualità\b",
        r"\b(?:si\s+è\s+)?rott[oaie]\b",
        r"\bnon\s+funziona\b",
        r"\bfunziona\s+male\b",
        r"\bsmesso\s+di\s+funzionare\b",
        r"\bdifettos\w*",
        r"\btaglia\b",
        r"\bmisura\b",
        r"\btroppo\s+(?:piccol|grand|stretto|cort|lung)\w*",
        r"\bcolore\b",
        r"\b(?:foto|immagine|immagini)\b",
        r"\bbatteria\b",
        r"\brumore\b",
        r"\bscalda\b",
        r"\b(?:puzza|odore)\b",
        r"\b(?:materiale|tessuto|plastica|schermo|suono)\b",
        r"\bcucitur\w*",
        r"\bscucit\w*",
        r"\bfragile\b",
        r"\bscadente\b",
        r"\bnon\s+si\s+accende\b",
        r"\b(?:buon|ottimo|pessimo)\s+prodotto\b",
        r"\bprodotto\s+(?:è\s+)?(?:difettoso|ottimo|buono|scadente|perfetto)\b",
        words(
            """
            ristrett* stinge scolorit* lavaggi* pallini ruggine muffa sottile pesante surriscalda* bruciato
            motore lama aspira* potenza debole volume altoparlant* microfono fotocamera telecamera bluetooth
            wifi app connessione connette spina cavo caricabatterie caricatore telecomando pulsant* tasti
            interruttore ruote manico coperchio cerniera suola tacco pelle legno metallo vetro gomma schiuma
            cotone design finitur* gocciola sapore opaco durata inutilizzabile
            """
        ),
        r"\bnon\s+(?:si\s+)?(?:carica|accende|parte|chiude|scalda)\b",
        r"\bsi\s+scarica\b",
        r"\bdura\s+(?:molto\s+)?poc(?:o|hissimo)\b",
        r"\bperde\s+(?:acqua|colore|pezzi)\b",
        r"\bnon\s+vale\b",
        r"\bprodotto\s+(?:in\s+sé\s+)?(?:è|era)\s+(?!ancora|stato\s+consegnato|in\s+ritardo|pers[oa]|fermo|arrivat)(?:un[ao]?\s+)?\w+",
        words("schifezza"),
    ],
    "ja": [
        r"品質",
        r"壊れ",
        r"故障",
        r"不良",
        r"不具合",
        r"動かな",
        r"作動しな",
        r"使えな",
        r"サイズ",
        r"小さ",
        r"大き",
        r"色",
        r"写真",
        r"画像",
        r"電池",
        r"バッテリー",
        r"充電",
        r"音",
        r"匂い",
        r"臭い",
        r"素材",
        r"生地",
        r"安っぽ",
        r"作り",
        r"縫製",
        r"使いにく",
        r"聞こえ",
        r"商品(?:自体)?(?:は|が)(?:良|いい|悪|問題|満足|最悪)",
        kana(
            """
            電源 入らな つかな 点かな 動作 起動しな 反応しな 薄 透け 厚 重 硬 柔らか 熱く 発熱
            焦げ モーター 刃 吸引 パワー 弱い 音量 スピーカー マイク カメラ 画質 解像度
            Bluetooth アプリ 接続 繋がら つながら プラグ ケーブル 充電器 リモコン ボタン
            スイッチ 車輪 取っ手 蓋 靴底 ソール 金属 ガラス ゴム デザイン 仕上げ ファスナー
            チャック 縮ん 色落ち 毛玉 洗濯 錆 サビ カビ 水漏れ 漏れ 味 におい ニオイ
            使い物にならな 安物 耐久性 画面 液晶 割れ
            """
        ),
        kana(
            """
            説明書 取扱説明書
            """
        ),
        "(?:最低|最悪|ひどい|酷い|良い|いい|素晴らしい|粗悪)な?の?(?:商品|品物|製品)",
        "(?:商品|製品)(?:の質|自体)",
        "(?:商品|製品|品物)(?:自体)?(?:は|が)(?!届|まだ|来|発送|到着|配送|配達)",
        "ゴミ",
    ],
}

# Product cues that also occur in delivery talk ("torn", "after two weeks"): they count
# only when a comment has no other topic cue.
PRODUCT_WEAK = {
    "en": [
        r"\b(?:after|within)\s+(?:just\s+|only\s+)?(?:a|an|one|two|three|four|five|a\s+few|\d+)\s+(?:days?|weeks?|months?|uses?|washe?s?|hours?)\b",
        r"\b(?:first|second)\s+(?:time|day|use|wash|week)\b",
        r"\bwithin\s+days\b",
        r"\b(?:right\s+away|immediately|straight\s+away)\b",
        words("torn ripped rattl* hard soft firm useless junk garbage rubbish toy"),
    ],
    "de": [
        r"\bnach\s+(?:nur\s+)?(?:einem|einer|zwei|drei|vier|fünf|wenigen|\d+)\s+(?:tag|tagen|woche|wochen|monat|monaten|mal)\b",
        r"\bbeim\s+(?:ersten|zweiten)\s+(?:mal|gebrauch|benutzen|waschen)\b",
        words("hinüber sofort zerrissen"),
    ],
    "fr": [
        r"\b(?:au\s+bout\s+d'|après\s+)(?:une?|deux|trois|quatre|quelques|\d+)\s+(?:jours?|semaines?|mois|utilisations?|lavages?)\b",
        r"\b(?:premier|première)\s+(?:utilisation|lavage|jour)\b",
        words("dur vide vides direct déchiré"),
        r"\bdès\s+(?:le\s+premier\s+jour|la\s+première\s+utilisation)\b",
    ],
    "es": [
        r"\b(?:a\s+los|después\s+de|tras)\s+(?:un|una|dos|tres|cuatro|pocos|pocas|\d+)\s+(?:días?|semanas?|mes|meses|usos?|lavados?)\b",
        r"\bal\s+(?:primer|segundo|tercer)\s+(?:día|uso|lavado)\b",
        r"\ba\s+la\s+(?:semana|primera)\b",
        words("duro dura blando basura"),
        r"\bdesde\s+el\s+primer\s+(?:día|uso)\b",
    ],
    "it": [
        r"\bdopo\s+(?:un|una|due|tre|quattro|pochi|poche|\d+)\s+(?:giorn[oi]|settiman[ae]|mes[ei]|lavaggi?|utilizzi?|usi?)\b",
        r"\bal\s+primo\s+(?:utilizzo|lavaggio|uso)\b",
        words("subito duro"),
        r"\b(?:fin\s+)?dal\s+primo\s+(?:giorno|utilizzo|uso)\b",
    ],
    "ja": [
        r"[一二三四五六七八九十数\d]+(?:日|週間|ヶ月|か月|カ月|回)(?:で|後に|ほどで|目で)",
        kana(
            """
            すぐに すぐ 初日 一回目
            """
        ),
    ],
}

DELIVERY = {
    "en": [
        r"\bdeliver(?:y|ed|ies|ing)?\b",
        r"\bship(?:ping|ped|ment|s)?\b",
        r"\barriv(?:e|ed|es|al|ing)\b",
        r"\blate\b",
        r"\bstill\s+waiting\b",
        r"\bwaiting\s+for\b",
        r"\bnever\s+(?:came|showed\s+up|got\s+it|received|arrived|turned\s+up)\b",
        r"\bshowed\s+up\b",
        r"\b(?:did\s*n[o']t|didnt|not|never|still\s+not)\s+(?:get|receive|received|arrive|come)\b",
        r"\b(?:lost|missing)\s+(?:my\s+|the\s+)?(?:package|parcel|order|shipment)\b",
        r"\b(?:package|parcel|order|shipment)\s+(?:is\s+|was\s+)?(?:lost|missing)\b",
        r"\blost\b",
        r"\bpackag(?:e|es|ing|ed)\b",
        r"\bparcels?\b",
        r"\bboxe?s?\b",
        r"\bpacked\b",
        r"\bwrapped\b",
        r"\b(?:courier|carrier|driver|mailman|postman|post\s+office)s?\b",
        r"\btrack(?:ing|ed)\b",
        r"\b(?:doorstep|porch|mailbox|letterbox)\b",
        r"\bneighbou?rs?\b",
        r"\bsigned\s+for\b",
        r"\b(?:threw|thrown)\b",
        r"\bleft\s+(?:it\s+)?(?:at|outside|on|in|with|by)\b",
        r"\bdispatch(?:ed)?\b",
        r"\bexpress\b",
        r"\btransit\b",
        r"\bwrong\s+(?:address|house|door)\b",
        r"\btook\s+(?:\w+\s+){0,2}(?:days|weeks|months|forever)\b",
        r"\bdamaged\b",
        r"\b(?:arrived|came|delivered|received)\s+(?:\w+\s+)?(?:damaged|broken|smashed|crushed|dented|cracked|shattered|"
        r"open(?:ed)?|wet|soaked|late)\b",
        r"\bcrushed\b",
        r"\bsoaked\b",
        r"\b(?:box|package|parcel|packaging)\s+(?:was\s+|is\s+|arrived\s+|came\s+)?(?:\w+\s+)?(?:broken|crushed|damaged|torn|ripped|open(?:ed)?|wet|smashed|dented)\b",
        r"\b(?:broken|crushed|damaged|torn|ripped|opened|wet|smashed|dented)\s+(?:box|package|parcel|packaging)\b",
        words(
            """
            estimated eta overdue delay delayed delays warehouse stuck doorbell knocked knock dumped stolen
            theft attempted concierge reception mailroom locker lockers
            """
        ),
        r"\b(?:delivery|expected|arrival)\s+date\b",
        r"\b(?:pick-?up|collection)\s+(?:point|location)\b",
        r"\b(?:at|to)\s+(?:my|the)\s+(?:front\s+)?door\b",
        r"\b(?:days?|weeks?)\s+(?:late|overdue|behind)\b",
        r"\bgot\s+it\s+(?:\w+\s+){0,3}(?:late|after)\b",
        r"\bcame\s+(?:\w+\s+){0,2}(?:late|early)\b",
        r"\bthe\s+(?:mail|post)\b",
        r"\b(?:later|longer|slower)\s+than\s+(?:promised|expected|estimated|stated|advertised|quoted)\b",
        r"\b(?:promised|estimated|expected)\s+(?:delivery|arrival|date)\b",
        r"\b(?:received|got)\s+it\s+(?:\w+\s+)?(?:broken|damaged|smashed|crushed|cracked|open(?:ed)?)\b",
        r"\b(?:still\s+)?not\s+here\b",
        r"\b(?:has|have)\s*(?:n't|\s+not)\s+(?:arrived|come|shown\s+up|received|got\s+it)\b",
    ],
    "de": [
        r"\bliefer\w*",
        r"\bgeliefert\b",
        r"\bversand\w*",
        r"\bversandt\b",
        r"\bversendet\b",
        r"\bverschickt\b",
        r"\bpaket\w*",
        r"\bpäckchen\b",
        r"\bsendung\w*",
        r"\bzustell\w*",
        r"\b(?:bote|fahrer|post)\b",
        r"\bkarton\w*",
        r"\bverpack\w*",
        r"\bangekommen\b",
        r"\bkam\s+(?:\w+\s+){0,5}an\b",
        r"\bzu\s+spät\b",
        r"\bverspät\w*",
        r"\bdauerte\b",
        r"\bgedauert\b",
        r"\bnachbar\w*",
        r"\babgegeben\b",
        r"\bbeschädigt\w*",
        r"\bzerdrückt\b",
        r"\bdeutsche\s+post\b",
        r"\b(?:karton|paket|verpackung)\w*\s+(?:war\s+|ist\s+|kam\s+)?(?:\w+\s+)?(?:kaputt|beschädigt|zerrissen|offen|nass|eingedrückt|zerdrückt)\w*",
        words(
            """
            verteilzentrum* zugestellt briefkasten packstation paketshop abholstation filiale unterwegs
            transport* spedition kurier* voraussichtlich verzögerung verzögert gestohlen abgelegt geklingelt
            benachrichtigung* haustür lager
            """
        ),
        r"\bvor\s+(?:die|der)\s+tür\b",
        r"\bnicht\s+angetroffen\b",
        r"\b(?:kaputt|beschädigt|zerbrochen|zerkratzt|nass|offen|zerdrückt)\s+(?:an)?gekommen\b",
        r"\bangekommen\b[^.!?]{0,20}\b(?:kaputt|beschädigt|zerbrochen)\b",
        r"\b(?:später|länger)\s+als\s+(?:angegeben|versprochen|angekündigt|erwartet)\b",
        r"\b(?:kaputt|defekt|beschädigt|zerbrochen)\s+(?:erhalten|bekommen|geliefert)\b",
    ],
    "fr": [
        r"\blivraison\w*",
        r"\blivr[ée]\w*",
        r"\blivreur\w*",
        r"\bexpédi\w*",
        r"\benvoi\b",
        r"\bcolis\b",
        r"\bpaquet\w*",
        r"\bcarton\w*",
        r"\bemball\w*",
        r"\btransporteur\w*",
        r"\b(?:la\s+poste|colissimo|chronopost|mondial\s+relay)\b",
        r"\bretard\w*",
        r"\barriv[ée]\w*",
        r"\b(?:jamais|pas|rien|toujours\s+rien)\s+reçu\b",
        r"\bsuivi\b",
        r"\battente\b",
        r"\bdélai\w*",
        r"\bécras[ée]\w*",
        r"\babîm[ée]\w*",
        r"\bendommag\w*",
        r"\bperdu\b",
        r"\bvoisin\w*",
        r"\bboîte\s+aux\s+lettres\b",
        r"\bdevant\s+la\s+porte\b",
        r"\b(?:colis|carton|emballage|boîte)\s+(?:était\s+|est\s+|arrivée?\s+)?(?:\w+\s+)?(?:cass[ée]e?|abîmée?|déchirée?|ouverte?|écrasée?|mouillée?)\b",
        words(
            """
            dépôt bloqué bloquée relais point_relais bureau_de_poste sonné avis_de_passage gardien concierge
            volé transit acheminement prévue coursier entrepôt
            """
        ),
        r"\bchez\s+(?:le|la|un|une|mon|ma)\s+voisin\w*",
        r"\bdate\s+(?:de\s+livraison|prévue)\b",
        r"\barriv[ée]e?s?\s+(?:\w+\s+)?(?:cass[ée]e?s?|abîm[ée]e?s?|endommag[ée]e?s?|ouverte?s?|écras[ée]e?s?)\b",
        r"\breçue?s?\s+(?:\w+\s+)?(?:cass[ée]e?s?|abîm[ée]e?s?|endommag[ée]e?s?|ouverte?s?|écras[ée]e?s?)\b",
    ],
    "es": [
        r"\benv[ií]o\w*",
        r"\benviad[oa]\b",
        r"\bentreg\w*",
        r"\brepartidor\w*",
        r"\bmensajer\w*",
        r"\btransportista\w*",
        r"\bpaquete\w*",
        r"\bcaja\b",
        r"\bembal\w*",
        r"\b(?:correos|seur|mrw|nacex)\b",
        r"\bllega\w*",
        r"\bllegó\b",
        r"\bretras\w*",
        r"\btarde\b",
        r"\btardó\b",
        r"\bno\s+he\s+recibido\b",
        r"\bseguimiento\b",
        r"\bperdi(?:ó|do|da)\b",
        r"\bgolpes?\b",
        r"\baplastad\w*",
        r"\b(?:caja|paquete|embalaje)\s+(?:estaba\s+|llegó\s+)?(?:\w+\s+)?(?:rot[oa]|dañad[oa]|abiert[oa]|aplastad[oa]|mojad[oa])\b",
        words(
            """
            almacén parado conserjería conserje portero portería buzón vecin* avisar aviso dejaron
            punto_de_recogida oficina_de_correos transporte agencia previst* robad* timbre tránsito retenido
            estancado
            """
        ),
        r"\bfecha\s+(?:prevista|de\s+entrega)\b",
        r"\b(?:nunca|no)\s+(?:he\s+|lo\s+|la\s+)?recib\w*",
        r"\bllegó\s+(?:\w+\s+)?(?:rot[oa]|dañad[oa]|abiert[oa]|aplastad[oa]|golpead[oa]|mojad[oa])\b",
        r"\bllegaron\s+(?:\w+\s+)?(?:rot[oa]s|dañad[oa]s)\b",
        r"\b(?:recibid[oa]|lo\s+recibí|la\s+recibí)\s+(?:\w+\s+)?(?:rot[oa]|dañad[oa]|abiert[oa]|aplastad[oa])\b",
    ],
    "it": [
        r"\bconsegn\w*",
        r"\bspedizion\w*",
        r"\bspedit\w*",
        r"\bcorrier\w*",
        r"\bpacc(?:o|hi)\b",
        r"\bscatol\w*",
        r"\bimball\w*",
        r"\barriv\w*",
        r"\britard\w*",
        r"\btracking\b",
        r"\b(?:brt|sda|poste\s+italiane)\b",
        r"\bcancello\b",
        r"\bdanneggiat\w*",
        r"\b(?:scatola|pacco|imballaggio|confezione)\s+(?:era\s+|è\s+|arrivat[oa]\s+)?(?:\w+\s+)?(?:rott[oa]|danneggiat[oa]|apert[oa]|distrutt[oa]|bagnat[oa])\b",
        words(
            """
            deposito fermo campanello suonato citofono portineria portiere vicin* cassetta_postale
            punto_di_ritiro ufficio_postale previst* rubato transito giacenza bartolini magazzino
            """
        ),
        r"\b(?:mai|non\s+(?:ho\s+|è\s+stato\s+)?)ricevut\w*",
        r"\bdata\s+(?:prevista|di\s+consegna)\b",
        r"\barrivat[oaie]\s+(?:\w+\s+)?(?:rott[oaie]|danneggiat[oaie]|apert[oaie]|distrutt[oaie]|ammaccat[oaie])\b",
        r"\bricevut[oa]\s+(?:\w+\s+)?(?:rott[oa]|danneggiat[oa]|apert[oa]|distrutt[oa])\b",
    ],
    "ja": [
        r"配達",
        r"配送",
        r"発送",
        r"届か",
        r"届きません",
        r"届いていな",
        r"届くのが遅",
        r"到着",
        r"遅れ",
        r"遅延",
        r"荷物",
        r"箱",
        r"梱包",
        r"段ボール",
        r"宅配",
        r"ヤマト",
        r"佐川",
        r"日本郵便",
        r"郵便",
        r"追跡",
        r"置き配",
        r"置きっぱなし",
        r"玄関",
        r"ドライバー",
        r"潰れ",
        r"紛失",
        r"(?:箱|外箱|パッケージ|梱包)(?:が|は|も)?(?:壊れ|潰れ|破れ|ボロボロ|濡れ|へこ|凹)",
        kana(
            """
            営業所 止まった 不在票 勝手に置 ポスト 宅配ボックス 再配達 運送 運輸 到着予定
            お届け予定 予定日 盗難 中継 輸送 未着 まだ届い 配達員
            """
        ),
        kana(
            """
            壊れて届 破損して届 割れて届 潰れて届 濡れて届
            """
        ),
    ],
}

SERVICE = {
    "en": [
        r"\bsellers?(?:'s)?\b",
        r"\b(?:vendor|merchant|shop|store|company)s?\b",
        r"\bcustomer\s+(?:service|support|care)\b",
        r"\bsupport\b",
        r"\bcontact(?:ed|ing)?\b",
        r"\brepl(?:y|ied|ies)\b",
        r"\brespon(?:d|ded|se|ses|sive)\b",
        r"\banswer(?:ed|s)?\b",
        r"\bignor(?:e|ed|es|ing)\b",
        r"\bmessages?\b",
        r"\bemails?\b",
        r"\bcall\s*back\b",
        r"\bcommunication\b",
        r"\brefund(?:ed|s)?\b",
        r"\bmoney\s+back\b",
        r"\breturn(?:ed|s|ing)?\b",
        r"\breplace(?:ment|d)?\b",
        r"\bexchange\b",
        r"\bwarranty\b",
        r"\bdescri(?:bed|ption)\b",
        r"\blisting\b",
        r"\blisted\b",
        r"\blisting\s+(?:photos?|pictures?|images?)\b",
        r"\badvertised\b",
        r"\bwrong\s+(?:item|size|colou?r|model|product|one|order|thing|version)\b",
        r"\bsent\s+(?:me\s+)?(?:the\s+|a\s+)?wrong(?:\s+\w+)?",
        r"\bnot\s+what\s+I\s+ordered\b",
        r"\bcancel(?:led|ed|s)?\b",
        r"\bcharged\b",
        r"\bovercharged\b",
        r"\bbilling\b",
        r"\bcoupon\b",
        r"\brefurbished\b",
        r"\b(?:was|is|clearly|obviously|already|previously)\s+used\b",
        r"\bused\s+(?:item|product|unit|one)\b",
        r"\bsold\s+as\s+new\b",
        r"\b(?:counterfeit|fake|genuine|authentic)\b",
        r"\bscam(?:mers?)?\b",
        r"\battitude\b",
        r"\blied\b",
        r"\bpromised\b",
        r"\bmissing\b",
        r"\bincluded\b",
        r"\bincomplete\b",
        words(
            """
            product_page item_page product_listing ad advert advertisement instead_of knockoff knock-off
            took_my_money disappeared question asked follow_up followed_up copy-paste crooks fraud blame blamed
            excuse excuses apologi* unprofessional unhelpful restocking invoice specs
            """
        ),
        r"\b(?:different|other)\s+(?:item|product|model|colou?r|size|version|one)\b",
        r"\bnot\s+the\s+(?:one|item|model|size|colou?r)\s+I\s+(?:ordered|paid\s+for|bought)\b",
        r"\bI\s+ordered\b[^.!?]*\b(?:got|received|was\s+sent|they\s+sent|came)\b",
        r"\b(?:shown|pictured|described)\s+(?:on|in)\s+the\s+(?:listing|page|ad|product\s+page)\b",
        r"\bnot\s+the\s+(?:one|item|model|size|colou?r|version|product)\s+(?:that\s+)?I\s+(?:ordered|paid\s+for|bought|selected|chose|picked|wanted)\b",
        r"\b(?:size|colou?r|model|version)\s+I\s+(?:ordered|selected|chose|picked)\b",
        r"\bservice\b",
        r"\bwrong\s+(?!address|house|door|building|town|city|street|person|neighbou?r|flat|apartment|place|location|postcode|zip|way|time)\w+",
        r"\bthe\s+wrong\s+one\b",
        r"\bordered\s+(?:a|an|the|one|two|three|\d+)\b[^.!?]*\b(?:got|received|was\s+sent|they\s+sent|came)\s+(?:a|an|the|one|only|\d+)\b",
        r"\bpaid\s+for\s+(?:\w+\s+){0,2}(?:and|but)\s+(?:only\s+)?(?:got|received)\b",
        r"\bnot\s+(?:brand\s+)?new\b",
        r"\bresealed\b",
        r"\bre-?packaged\b",
        r"\b(?:previously|already)\s+opened\b",
        r"\b(?:looks?|looked|seems?|seemed)\s+(?:\w+\s+)?used\b",
    ],
    "de": [
        r"\bverkäufer\w*",
        r"\bhändler\w*",
        r"\bshop\w*",
        r"\bladen\b",
        r"\bkunden(?:dienst|service)\w*",
        r"\bservice\b",
        r"\bsupport\b",
        r"\bkontakt\w*",
        r"\bantwort\w*",
        r"\breagier\w*",
        r"\bmeldet\s+sich\b",
        r"\bnachricht\w*",
        r"\be-?mails?\b",
        r"\b(?:rück)?erstatt\w*",
        r"\bgeld\b",
        r"\brücksendung\w*",
        r"\brückgabe\w*",
        r"\bzurückgeschickt\b",
        r"\bumtausch\w*",
        r"\bersatz\w*",
        r"\breklam\w*",
        r"\bgarantie\w*",
        r"\b(?:artikel)?beschreibung\w*",
        r"\bbeschrieben\b",
        r"\binserat\w*",
        r"\bfalsche[nrs]?\s+(?:artikel|größe|farbe|ware|modell|produkt)\b",
        r"\bnicht\s+(?:das|der|die)\s+bestellte\b",
        r"\bgebraucht\w*",
        r"\bals\s+neu\b",
        r"\bgutschrift\w*",
        r"\b(?:zweimal|doppelt)\s+(?:bezahlt|abgebucht|berechnet)\b",
        r"\bstorniert\b",
        r"\bbetrüger\w*",
        r"\bfehlt\w*",
        r"\babgewimmelt\b",
        r"\bunfreundlich\w*",
        words(
            """
            statt anstatt anstelle unverschämt* abzocke betrug* rechnung widerruf abgelehnt kulanz anfrage frage
            rückruf zurückgerufen entschuldigung ausrede
            """
        ),
        r"\bandere[nrs]?\s+(?:artikel|farbe|größe|modell|produkt)\b",
        r"\bbestellt\b[^.!?]*\b(?:bekommen|erhalten|geliefert|kam)\b",
        r"\bfalsch\w*\s+(?!adresse|nachbar\w*|haus|hausnummer|tür|ort|person|stockwerk|filiale)\w+",
        r"\bnicht\s+neu\b",
        r"\b(?:bereits|schon)\s+(?:geöffnet|benutzt|ausgepackt)\b",
    ],
    "fr": [
        r"\bvendeu(?:r|rs|se|ses)\b",
        r"\b(?:boutique|magasin)s?\b",
        r"\bservice\s+(?:client|après-vente)\b",
        r"\bsav\b",
        r"\brépon\w*",
        r"\bcontact\w*",
        r"\binjoignable\b",
        r"\bmessages?\b",
        r"\be-?mails?\b",
        r"\brembours\w*",
        r"\bretour\w*",
        r"\brenvoy\w*",
        r"\béchange\w*",
        r"\bremplacement\b",
        r"\bgarantie\b",
        r"\bdescription\b",
        r"\bannonce\b",
        r"\b(?:non\s+)?conforme\b",
        r"\bdécrit\b",
        r"\bmauvais(?:e)?\s+(?:article|taille|couleur|modèle|produit)\b",
        r"\bpas\s+ce\s+que\s+j'ai\s+commandé\b",
        r"\boccasion\b",
        r"\bcomme\s+neuf\b",
        r"\barnaque\w*",
        r"\bmenti\b",
        r"\bpromesses?\b",
        r"\braccroch\w*",
        r"\bannul\w*",
        r"\b(?:débité|facturé|payé)\s+deux\s+fois\b",
        words("facture escro* voleur* malhonnête* impoli* question demande"),
        r"\bau\s+lieu\s+d\w*",
        r"\bà\s+la\s+place\s+d\w*",
        r"\bautre\s+(?:article|couleur|taille|modèle|produit)\b",
        r"\bcommandé\b[^.!?]*\breçu\b",
        r"\bservice\b",
        r"\b(?:le|la|les|un|une)\s+mauvaise?s?\s+(?!qualité|adresse|état|surprise|expérience|foi|idée)\w+",
        r"\bpas\s+neu(?:f|ve)\b",
        r"\bdéjà\s+(?:ouvert|utilisé|servi)e?\b",
    ],
    "es": [
        r"\bvendedor\w*",
        r"\btienda\b",
        r"\batención\s+al\s+cliente\b",
        r"\bservicio\s+(?:al\s+cliente|técnico)\b",
        r"\bcontest\w*",
        r"\brespon\w*",
        r"\brespuesta\b",
        r"\bmensajes?\b",
        r"\bcorreo(?:\s+electrónico)?\b",
        r"\bdev(?:ol|uel)\w*",
        r"\breembols\w*",
        r"\bdinero\b",
        r"\bgarantía\b",
        r"\bdescripción\b",
        r"\banuncio\b",
        r"\bdescrit[oa]\b",
        r"\b(?:modelo|talla|color|artículo|producto)\s+(?:equivocad|distint|incorrect)\w*",
        r"\bequivocad[oa]\b",
        r"\bdistinto\s+al\s+que\s+pedí\b",
        r"\busad[oa]\b",
        r"\bcomo\s+nuevo\b",
        r"\bsegunda\s+mano\b",
        r"\bestaf\w*",
        r"\bcobr\w*",
        r"\btrató\b",
        r"\bgroser\w*",
        words("negaron negado factura pregunta ladr* timo timador* fraude engañ*"),
        r"\ben\s+(?:lugar|vez)\s+de\b",
        r"\botr[oa]\s+(?:color|modelo|talla|artículo|producto|cosa)\b",
        r"\b(?:lo\s+que|el\s+que|la\s+que)\s+pedí\b",
        r"\bno\s+es\s+lo\s+que\b",
        r"\bservicio\b",
        r"\bincorrect[oa]s?\b",
        r"\bno\s+(?:es|era|está|estaba)\s+nuev[oa]\b",
        r"\bya\s+(?:abiert|usad)[oa]\b",
    ],
    "it": [
        r"\bvenditor\w*",
        r"\bnegozio\b",
        r"\bassistenza\b",
        r"\bservizio\s+clienti\b",
        r"\brispo(?:nd|st)\w*",
        r"\bmessagg\w*",
        r"\be-?mail\b",
        r"\brimbors\w*",
        r"\breso\b",
        r"\brestitu\w*",
        r"\bsostitu\w*",
        r"\bgaranzia\b",
        r"\bdescrizione\b",
        r"\bannuncio\b",
        r"\bdescritt\w*",
        r"\bsbagliat\w*",
        r"\busat[oa]\b",
        r"\bcome\s+nuov[oa]\b",
        r"\btruff\w*",
        r"\bscortese\b",
        r"\bmaleducat\w*",
        r"\bnon\s+si\s+fa\s+sentire\b",
        r"\baddebit\w*",
        r"\btrattato\s+male\b",
        words("fattura domanda ladr* imbrogli* disonest*"),
        r"\binvece\s+d\w*",
        r"\bal\s+posto\s+d\w*",
        r"\bdivers[oa]\s+da\s+quell[oa]\b",
        r"\b(?:modello|colore|taglia|articolo|prodotto)\s+divers[oa]\b",
        r"\baltr[oa]\s+(?:colore|modello|taglia|articolo|prodotto)\b",
        r"\bnon\s+è\s+quello\b",
        r"\bservizio\b",
        r"\bnon\s+(?:è|era)\s+nuov[oa]\b",
        r"\bgià\s+(?:apert|usat)[oa]\b",
    ],
    "ja": [
        r"出品者",
        r"販売者",
        r"店舗",
        r"ショップ",
        r"対応",
        r"問い合わせ",
        r"問合せ",
        r"連絡",
        r"返信",
        r"返事",
        r"返品",
        r"返金",
        r"交換",
        r"保証",
        r"商品説明",
        r"説明文",
        r"説明(?:と|に|では|通り|どおり|とは)",
        r"中古",
        r"新品と",
        r"詐欺",
        r"請求",
        r"態度",
        r"カスタマーサービス",
        r"キャンセル",
        r"注文した(?:もの|商品)と(?:は)?違",
        r"違う(?:商品|もの|サイズ|色)",
        r"別の商品",
        kana(
            """
            注文と違 頼んだものと違 の代わりに 別の色 別物 欠品 無視 領収書 質問 不誠実 嘘
            入っていな 入ってな 足りな 付属品がな
            """
        ),
        "サービス",
        "間違(?!いな)",
        "新品ではな",
        "新品じゃな",
        "開封済",
        "使用済",
        "開封された",
        "返送",
    ],
}

# --- promotion ---------------------------------------------------------------------------------

SHOPS = [
    r"\bWal-?mart\b",
    r"\b[eE][bB]ay\b",
    r"\bTarget\b",
    r"\bWayfair\b",
    r"\bNewegg\b",
    r"\bTesco\b",
    r"\bBol\.com\b",
    r"\bTemu\b",
    r"\bAli\s?Express\b",
    r"\bAlibaba\b",
    r"\bShein\b",
    r"\bEtsy\b",
    r"\bOtto\b",
    r"\bZalando\b",
    r"\bMedia\s?Markt\b",
    r"\bSaturn\b",
    r"\bKaufland\b",
    r"\bLidl\b",
    r"\bAldi\b",
    r"\bCdiscount\b",
    r"\bFnac\b",
    r"\bDarty\b",
    r"\bBoulanger\b",
    r"\bLeroy\s+Merlin\b",
    r"\bCarrefour\b",
    r"\bEl\s+Corte\s+Ingl[ée]s\b",
    r"\bPcComponentes\b",
    r"\bMedia\s?World\b",
    r"\bUnieuro\b",
    r"\bRakuten\b",
    r"\bCostco\b",
    r"\bBest\s+Buy\b",
    r"\bHome\s+Depot\b",
    r"\bArgos\b",
    r"\bCurrys\b",
    r"\bDecathlon\b",
    r"\bIKEA\b",
    r"\bConrad\b",
    r"\bidealo\b",
    r"楽天",
    r"ヨドバシ(?:カメラ|\.com)?",
    r"ビックカメラ",
    r"ヤマダ電機",
    r"ケーズデンキ",
    r"ニトリ",
    r"ビックカメラ",
    r"メルカリ",
    r"ヤフー(?:ショッピング)?",
    r"Yahoo!?(?:ショッピング)?",
]

# A shop name counts as promotion when one of these is in the comment too.
PROMO_CUES = {
    "en": [
        r"\bcheaper\b",
        r"\bless\b",
        r"\bhalf\s+(?:the\s+)?price\b",
        r"\binstead\b",
        r"\bbetter\s+(?:deals?|prices?|offers?)\b",
        r"\b(?:buy|get|order)\s+(?:it|them|one)?\s*(?:from|at|on)\b",
        r"\bgo\s+to\b",
        r"\bsame\s+\w+\s+(?:for|at|on)\b",
        r"\bcosts?\b",
        r"\bbuy\s+it\b",
    ],
    "de": [
        r"\bgünstiger\b",
        r"\bbilliger\b",
        r"\bhälfte\b",
        r"\blieber\b",
        r"\bstattdessen\b",
        r"\bgleiche\w*",
        r"\bweniger\b",
        r"\bnur\b",
    ],
    "fr": [
        r"\bmoins\s+cher\w*",
        r"\bplutôt\b",
        r"\ballez\b",
        r"\bachetez\b",
        r"\bmême\s+(?:article|produit)\b",
        r"\bmoins\b",
        r"\bmoitié\b",
        r"\bmême\b",
    ],
    "es": [
        r"\bmás\s+barat\w*",
        r"\bmitad\b",
        r"\bcomprad\b",
        r"\ben\s+vez\b",
        r"\bmejor\s+en\b",
        r"\bmismo\b",
        r"\bmenos\b",
        r"\bcompra\w*",
    ],
    "it": [
        r"\bcosta\s+meno\b",
        r"\bmeno\s+car\w*",
        r"\bpiù\s+economic\w*",
        r"\bmetà\s+prezzo\b",
        r"\bcomprate\w*",
        r"\btrovate\b",
        r"\bmeglio\b",
        r"\bmeno\b",
        r"\bstesso\b",
    ],
    "ja": [r"安い", r"安く", r"方が", r"で買", r"で購入", r"より", r"半額", r"で売"],
}

# "go to seller TechDeals instead", "kauft lieber bei X": another named seller recommended.
OTHER_SELLER = [
    r"\b(?:go\s+to|buy\s+from|order\s+from|get\s+(?:it|one|them)\s+from|try|use)\s+(?:seller\s+)?"
    r"(?-i:[A-Z][\w&'-]+(?:\s+[A-Z][\w&'-]+)?)\s+instead\b",
]

# A capitalised shop name next to "cheaper at" and the like, for shops not in SHOPS.
_SHOP = r"(?-i:[A-Z][\w'&.-]+(?:\s+[A-Z][\w'&.-]+){0,2})"
UNKNOWN_SHOP = [
    rf"\bcheaper\s+(?:at|on|from|in)\s+{_SHOP}",
    rf"{_SHOP}\s+(?:has|had|sells|sold|have)\s+(?:it|them|the\s+same(?:\s+\w+)?)\s+(?:\w+\s+)?(?:cheaper|for\s+less)\b",
    rf"\b(?:günstiger|billiger)\s+(?:bei|auf|im)\s+{_SHOP}",
    rf"\bmoins\s+cher\s+(?:chez|sur|à)\s+{_SHOP}",
    rf"\bmás\s+barat[oa]\s+(?:en)\s+{_SHOP}",
    rf"\b(?:costa\s+meno|più\s+economic[oa]|meno\s+car[oa])\s+(?:su|da|a)\s+{_SHOP}",
    rf"\b(?:at|on)\s+{_SHOP}[^.!?]{{0,30}}\b(?:cheaper|for\s+less|less)\b",
    rf"\b(?:chez|sur)\s+{_SHOP}[^.!?]{{0,30}}\bmoins\s+cher",
    rf"\ben\s+{_SHOP}[^.!?]{{0,30}}\b(?:más\s+barat|menos)",
    rf"\b(?:da|su)\s+{_SHOP}[^.!?]{{0,30}}\b(?:meno|economic)",
    rf"\b(?:bei|im)\s+{_SHOP}\s+(?:für|um|ab)\s+\d+(?:[.,]\d+)?\s*(?:€|euro)",
]
NOT_SHOPS = r"(?i:amazon\w*|prime)\b"

# Web addresses of other sites (amazon.* is not promotion).
URL = (
    r"(?:https?://|www\.)[^\s,;]+[^\s,;.!?)]"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|de|fr|es|it|jp|co\.uk|uk|eu|shop|store|info|biz)\b"
)
AMAZON_DOMAIN = r"amazon\."

# --- personal information -----------------------------------------------------------------------

EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_AT = r"\s*(?:\(at\)|\[at\]|\{at\}|\(ät\)|\s@\s)\s*"
_DOT = r"\s*(?:\(dot\)|\[dot\]|\{dot\}|\(punkt\)|\(point\)|\(punto\)|\s+dot\s+|\.)\s*"
_TLD = r"(?:com|net|org|de|fr|es|it|jp|co|uk|eu|info)\b"
EMAIL_SPELLED = [
    rf"\b[\w.+-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)*?{_DOT}{_TLD}",
    rf"\b[\w.+-]+\s+at\s+[\w-]+(?:\s+dot\s+[\w-]+)*?\s+dot\s+{_TLD}",
]

ORDER_ID = r"\b\d{3}-\d{7}-\d{7}\b"
DATE = r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}"
PHONE_CANDIDATE = (
    r"(?<![A-Za-z0-9+.,])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?"
    r"\d(?:[\d]|[\s./-](?=\d)){5,}\d(?![A-Za-z0-9]|[.,]\d)"
)
CURRENCY = r"[$€£¥]|\b(?:EUR|USD|GBP|JPY|euros?|dollars?)\b|円"
PHONE_CUES = (
    r"\b(?:llam\w*|contactar|whatsapp|call|phone|tel|telephone|mobile|cell|text|texted|whatsapp|number|ring|Telefon|Tel|Handy|Nummer|anrufen|"
    r"zurückrufen|téléphone|portable|appelez|appeler|numéro|teléfono|móvil|llamad\w*|llamar|número|telefono|cellulare|"
    r"chiama\w*|numero)\b|電話|携帯|連絡先"
)
NOT_PHONE_CUES = (
    r"\b(?:tracking|track|order|ord|zip|postcode|postal|invoice|sendungsnummer|bestell\w*|PLZ|suivi|commande|"
    r"seguimiento|pedido|ordine|spedizione|CAP|ASIN|ISBN|EAN|SKU|ref|serial|S/N|SN|model|Modell|modèle|modelo|modello|"
    r"Seriennummer|série)\b|追跡|注文番号|伝票|〒|型番"
)

# Full names of people.
HONORIFICS = (
    r"(?:Mr|Mrs|Ms|Miss|Dr|Herr|Frau|Hr|Fr|M|Mme|Mlle|Monsieur|Madame|Sr|Sra|Srta|Señor|Señora|Don|Doña|"
    r"Sig|Sig\.ra|Signor|Signora|Dott)\.?"
)
NAME_CUES = (
    r"(?:named|called|my\s+name\s+is|name's|I'm|I\s+am|ich\s+heiße|mein\s+Name\s+ist|je\s+m'appelle|je\s+suis|"
    r"me\s+llamo|mi\s+nombre\s+es|soy|mi\s+chiamo|sono|signed|regards|rep|representative|agent|driver|courier|manager|"
    r"supervisor|employee|technician|advisor|adviser|spoke\s+(?:to|with)|talked\s+to|ask\s+for|Mitarbeiter(?:in)?|"
    r"Sachbearbeiter(?:in)?|Fahrer(?:in)?|Zusteller(?:in)?|conseill[eè]re?|livreur|agente|encargad[oa]|emplead[oa]|"
    r"operat(?:ore|rice)|addett[oa]|responsabile)"
)
NAME_WORD = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’-]+"

# Capitalised words that are never part of a person's name.
NAME_STOP = set(
    """the this that these those a an and or but my our your his her their we they it i you he she
    customer customers service support seller sellers team amazon prime logistics mail royal post best buy home
    depot deals store shop inc ltd llc gmbh co corp company gadgets electronics tech shipping delivery express
    kundenservice kundendienst verkäufer händler paket lieferung service client vendeur vendedor venditore servizio
    clienti atención cliente god oh thanks thank hello hi dear great good bad never not no yes very""".split()
)

# Common first names (en, de, fr, es, it): "Jane Doe was rude" needs no cue.
FIRST_NAMES = set(
    """james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony
    mark donald steven paul andrew joshua kenneth kevin brian george edward ronald timothy jason jeffrey ryan
    jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory frank
    alexander raymond patrick jack dennis jerry tyler aaron jose adam henry nathan douglas zachary peter kyle
    walter ethan jeremy harold keith christian roger noah gerald carl terry sean austin arthur lawrence jesse
    dylan bryan joe jordan billy bruce albert willie gabriel logan alan juan wayne roy ralph randy eugene
    vincent russell elijah louis bobby philip johnny bob mike tom tim jim dave steve chris matt dan ben sam
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret sandra
    ashley kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca sharon laura
    cynthia kathleen amy shirley angela helen anna brenda pamela nicole emma samantha katherine christine
    debra rachel catherine carolyn janet ruth maria heather diane virginia julie joyce victoria olivia kelly
    christina lauren joan evelyn judith megan cheryl andrea hannah martha jacqueline frances gloria ann
    teresa kathryn sara janice jean alice madison doris abigail julia judy grace denise amber marilyn beverly
    danielle theresa sophia marie diana brittany natalie isabella charlotte rose alexis kayla jane kate sue
    hans peter klaus jürgen dieter uwe günter horst helmut gerhard wolfgang werner manfred heinz karl stefan
    michael andreas thomas frank markus christian martin sven jan lukas leon finn jonas felix max moritz paul
    tobias florian sebastian matthias ursula helga gisela monika renate petra sabine claudia susanne andrea
    birgit heike nicole julia katharina lena laura lea hanna sophie marie anja erika gabi jutta karin
    jean pierre michel philippe alain nicolas christophe patrick françois laurent julien thierry éric
    stéphane olivier sébastien frédéric vincent david antoine mathieu guillaume hugo lucas louis théo
    nathalie isabelle sylvie catherine françoise valérie sandrine christine véronique céline aurélie julie
    camille manon chloé léa sophie élodie émilie
    josé antonio manuel francisco juan javier carlos jesús alejandro miguel rafael pedro ángel pablo
    sergio fernando jorge luis alberto álvaro diego adrián raúl enrique carmen josefa isabel dolores pilar
    teresa ana francisca cristina marta antonia mercedes lucía elena rosa paula sofía
    giuseppe giovanni antonio mario luigi francesco angelo vincenzo pietro salvatore carlo franco domenico
    bruno paolo michele giorgio aldo sergio luciano marco andrea stefano roberto alessandro matteo lorenzo
    luca davide simone federico giulia chiara francesca sara martina valentina alessia elisa silvia
    federica anna rosa giovanna lucia""".split()
)

# What people do and products don't: "Priya Patel was rude" is a name without any cue (English).
PERSON_PREDICATE = (
    r"\s+(?:was\s+(?:very\s+|so\s+|extremely\s+)?(?:rude|unhelpful|impolite|aggressive|nasty|condescending|arrogant)|"
    r"hung\s+up|told\s+me|yelled|shouted|insulted|lied\s+to|refused\s+to|promised\s+me|never\s+called|called\s+me|"
    r"emailed\s+me|swore\s+at)\b"
)

# Brands and characters named after people: "Ralph Lauren" is not personal information.
PERSON_BRANDS = {
    pair.replace("_", " ")
    for pair in """
    ralph_lauren hugo_boss george_foreman jack_wolfskin michael_kors calvin_klein tommy_hilfiger marc_jacobs
    kate_spade tory_burch vera_wang anna_sui jimmy_choo steve_madden kenneth_cole tom_ford giorgio_armani karl_lagerfeld
    pierre_cardin roberto_cavalli john_deere paul_smith ted_baker victoria_beckham betty_crocker jack_daniels
    johnnie_walker ben_sherman fred_perry tom_tailor daniel_wellington laura_ashley john_lewis stella_mccartney
    alexander_mcqueen vivienne_westwood christian_dior christian_louboutin yves_rocher louis_vuitton harry_potter
    mario_kart james_bond peter_rabbit mary_kay paul_mitchell kevin_murphy anne_klein nina_ricci jean_paul
    carolina_herrera oscar_mayer""".split()
}
# Japanese names before さん/様/氏; the kanji run may not end in a role word (担当者様, 配達員さん...).
JA_NAME = r"(?<![一-龯々])([一-龯々]{3,5})(?:さん|様|さま|氏)|([ァ-ヴー]{2,}・[ァ-ヴー]{2,})(?:さん|様|さま|氏)"
JA_NOT_NAME_END = "者員長様客手屋社便局店家方部課係人殿達主供"

# --- texts for the VA and for Seller Central ----------------------------------------------------

EXPLANATIONS = {
    "obscene": "Uses obscene or profane language.",
    "email": "Contains an email address.",
    "phone": "Contains a phone number.",
    "name": "Names a person (a full name).",
    "product_review": "Is entirely a product review, with nothing about the seller, service or delivery.",
    "promotional": "Promotes another seller or website.",
    "fba_fulfillment": "Is entirely about delivery of an order fulfilled by Amazon (FBA).",
    "buy_shipping_late": "Is entirely about late or missing delivery of an order shipped on time with Buy Shipping.",
}

REQUEST_GROUNDS = {
    "obscene": "It contains obscene or profane language, which Amazon's feedback guidelines do not allow.",
    "personal_info": (
        "It contains personal information (an email address, a phone number or a person's full name), "
        "which Amazon's feedback guidelines do not allow."
    ),
    "product_review": (
        "It is entirely a product review and does not address our service as a seller; under Amazon's "
        "feedback guidelines, comments about the product belong in a product review."
    ),
    "promotional": (
        "It contains promotional content for another seller or website, which Amazon's feedback guidelines prohibit."
    ),
    "fba_fulfillment": (
        "The order was fulfilled by Amazon (FBA) and the comment is entirely about fulfilment and delivery, "
        "for which Amazon takes responsibility under its feedback policy."
    ),
    "buy_shipping_late": (
        "The order was shipped on time with Amazon Buy Shipping and the comment is entirely about late or missing "
        "delivery, which Amazon's Buy Shipping protection covers."
    ),
}

REQUEST_OPENING = "Hello Seller Support, we kindly ask you to review the buyer feedback left for this order."
REQUEST_CLOSING = {
    "removed": "We therefore request that this feedback be removed. Thank you for your help.",
    "struck_through": (
        "We therefore request that this feedback be struck through so that it does not count toward our "
        "seller rating. Thank you for your help."
    ),
}
