"""FeedbackHub's starter library, loaded for every new seller account.

Written to Amazon's Communication Guidelines: the order id in every proactive
message, a neutral request (no incentive, no "positive only"), no links but
Amazon's own feedback page, no opt-out wording, in the buyer's language.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class StarterTemplate:
    name: str
    kind: str
    language: str
    subject: str
    body: str


FEEDBACK_REQUEST = "feedback_request"

STARTER_TEMPLATES = (
    StarterTemplate(
        name="Feedback request",
        kind=FEEDBACK_REQUEST,
        language="en",
        subject="Your order {{ order_id }} from {{ store_name }}",
        body=(
            "Hello {{ buyer_first_name }},\n\n"
            "Your order {{ order_id }} ({{ product_titles }}) should have reached you by now, "
            "and we hope everything arrived as expected.\n\n"
            "If anything is not right with your order, please reply to this message so we can put it right.\n\n"
            "Whatever your experience, we would appreciate it if you shared it. "
            "You can leave seller feedback for this order on Amazon here: {{ feedback_page_url }}\n\n"
            "Kind regards,\n{{ store_name }}"
        ),
    ),
    StarterTemplate(
        name="Feedback request",
        kind=FEEDBACK_REQUEST,
        language="de",
        subject="Ihre Bestellung {{ order_id }} bei {{ store_name }}",
        body=(
            "Hallo {{ buyer_first_name }},\n\n"
            "Ihre Bestellung {{ order_id }} ({{ product_titles }}) sollte inzwischen bei Ihnen angekommen sein. "
            "Wir hoffen, dass alles Ihren Erwartungen entspricht.\n\n"
            "Falls etwas mit Ihrer Bestellung nicht stimmt, antworten Sie bitte auf diese Nachricht, "
            "damit wir es in Ordnung bringen können.\n\n"
            "Ganz gleich, wie Ihre Erfahrung war: Wir würden uns freuen, wenn Sie sie teilen. "
            "Sie können für diese Bestellung hier eine Verkäuferbewertung auf Amazon abgeben: "
            "{{ feedback_page_url }}\n\n"
            "Mit freundlichen Grüßen\n{{ store_name }}"
        ),
    ),
    StarterTemplate(
        name="Feedback request",
        kind=FEEDBACK_REQUEST,
        language="fr",
        subject="Votre commande {{ order_id }} chez {{ store_name }}",
        body=(
            "Bonjour {{ buyer_first_name }},\n\n"
            "Votre commande {{ order_id }} ({{ product_titles }}) devrait maintenant vous être parvenue. "
            "Nous espérons que tout est arrivé comme prévu.\n\n"
            "Si quelque chose ne va pas avec votre commande, répondez simplement à ce message "
            "afin que nous puissions y remédier.\n\n"
            "Quelle que soit votre expérience, nous vous serions reconnaissants de la partager. "
            "Vous pouvez laisser une évaluation du vendeur pour cette commande sur Amazon ici : "
            "{{ feedback_page_url }}\n\n"
            "Cordialement,\n{{ store_name }}"
        ),
    ),
    StarterTemplate(
        name="Feedback request",
        kind=FEEDBACK_REQUEST,
        language="es",
        subject="Su pedido {{ order_id }} de {{ store_name }}",
        body=(
            "Hola, {{ buyer_first_name }}:\n\n"
            "Su pedido {{ order_id }} ({{ product_titles }}) ya debería haberle llegado. "
            "Esperamos que todo haya llegado como esperaba.\n\n"
            "Si hay algún problema con su pedido, responda a este mensaje para que podamos solucionarlo.\n\n"
            "Sea cual sea su experiencia, le agradeceríamos que la compartiera. "
            "Puede dejar una valoración del vendedor para este pedido en Amazon aquí: {{ feedback_page_url }}\n\n"
            "Atentamente,\n{{ store_name }}"
        ),
    ),
    StarterTemplate(
        name="Feedback request",
        kind=FEEDBACK_REQUEST,
        language="it",
        subject="Il suo ordine {{ order_id }} da {{ store_name }}",
        body=(
            "Buongiorno {{ buyer_first_name }},\n\n"
            "Il suo ordine {{ order_id }} ({{ product_titles }}) dovrebbe esserle già arrivato. "
            "Speriamo che sia arrivato tutto come previsto.\n\n"
            "Se c'è qualche problema con l'ordine, risponda a questo messaggio e lo risolveremo.\n\n"
            "Qualunque sia stata la sua esperienza, le saremmo grati se volesse condividerla. "
            "Può lasciare un feedback sul venditore per questo ordine su Amazon qui: {{ feedback_page_url }}\n\n"
            "Cordiali saluti,\n{{ store_name }}"
        ),
    ),
    StarterTemplate(
        name="Feedback request",
        kind=FEEDBACK_REQUEST,
        language="ja",
        subject="ご注文 {{ order_id }} について（{{ store_name }}）",
        body=(
            "{{ buyer_first_name }} 様\n\n"
            "このたびは {{ store_name }} をご利用いただき、誠にありがとうございます。"
            "ご注文 {{ order_id }}（{{ product_titles }}）はお手元に届いておりますでしょうか。"
            "商品が問題なく届いていれば幸いです。\n\n"
            "ご注文に不備がございましたら、このメッセージにご返信ください。速やかに対応いたします。\n\n"
            "当店の対応について、率直なご評価をお寄せいただければ幸いです。"
            "このご注文の出品者評価は、Amazon の次のページから投稿いただけます：{{ feedback_page_url }}\n\n"
            "{{ store_name }}"
        ),
    ),
    StarterTemplate(
        name="First contact after negative feedback",
        kind="first_contact_negative",
        language="en",
        subject="About your order {{ order_id }}",
        body=(
            "Hello {{ buyer_first_name }},\n\n"
            "We are sorry that your order {{ order_id }} ({{ product_titles }}) did not meet your expectations. "
            "We would like to put this right.\n\n"
            "Please reply to this message and tell us what went wrong. We can send a replacement or arrange "
            "a return under Amazon's return policy, whichever you prefer.\n\n"
            "Kind regards,\n{{ store_name }}"
        ),
    ),
    StarterTemplate(
        name="Removal request after resolution",
        kind="removal_request",
        language="en",
        subject="Your order {{ order_id }}",
        body=(
            "Hello {{ buyer_first_name }},\n\n"
            "Thank you for working with us to resolve the issue with your order {{ order_id }}. "
            "We are glad it is sorted out.\n\n"
            "If you feel the problem has been resolved, you may consider updating or removing the feedback "
            "you left for this order. This is entirely your choice, and it does not affect the help you have "
            "received or any future support.\n\n"
            "Kind regards,\n{{ store_name }}"
        ),
    ),
    StarterTemplate(
        name="First contact after negative feedback",
        kind="first_contact_negative",
        language="de",
        subject="Ihre Bestellung {{ order_id }}",
        body=(
            "Hallo {{ buyer_first_name }},\n\n"
            "es tut uns leid, dass Ihre Bestellung {{ order_id }} ({{ product_titles }}) nicht Ihren "
            "Erwartungen entsprochen hat. "
            "Wir möchten das gerne in Ordnung bringen.\n\n"
            "Bitte antworten Sie auf diese Nachricht und schreiben Sie uns, was nicht gestimmt hat. Wir "
            "senden Ihnen gerne Ersatz "
            "oder veranlassen eine Rücksendung nach den Rückgaberichtlinien von Amazon, ganz wie Sie möchten.\n\n"
            "Mit freundlichen Grüßen\n{{ store_name }}"
        ),
    ),
    StarterTemplate(
        name="Removal request after resolution",
        kind="removal_request",
        language="de",
        subject="Ihre Bestellung {{ order_id }}",
        body=(
            "Hallo {{ buyer_first_name }},\n\n"
            "vielen Dank, dass wir das Problem mit Ihrer Bestellung {{ order_id }} gemeinsam lösen konnten.\n\n"
            "Wenn Sie das Problem als gelöst betrachten, können Sie Ihre Bewertung zu dieser Bestellung "
            "aktualisieren oder entfernen. "
            "Das ist ganz Ihre Entscheidung und hat keinen Einfluss auf unsere Unterstützung.\n\n"
            "Mit freundlichen Grüßen\n{{ store_name }}"
        ),
    ),
    StarterTemplate(
        name="First contact after negative feedback",
        kind="first_contact_negative",
        language="fr",
        subject="Votre commande {{ order_id }}",
        body=(
            "Bonjour {{ buyer_first_name }},\n\n"
            "Nous sommes désolés que votre commande {{ order_id }} ({{ product_titles }}) ne vous ait pas "
            "donné satisfaction. "
            "Nous souhaitons arranger cela.\n\n"
            "Répondez à ce message pour nous dire ce qui n'allait pas. Nous pouvons vous envoyer un article "
            "de remplacement "
            "ou organiser un retour selon la politique de retour d'Amazon, comme vous préférez.\n\n"
            "Cordialement,\n{{ store_name }}"
        ),
    ),
    StarterTemplate(
        name="Removal request after resolution",
        kind="removal_request",
        language="fr",
        subject="Votre commande {{ order_id }}",
        body=(
            "Bonjour {{ buyer_first_name }},\n\n"
            "Merci de nous avoir permis de résoudre le problème de votre commande {{ order_id }}.\n\n"
            "Si vous estimez que le problème est résolu, il vous est possible de mettre à jour ou de "
            "supprimer l'évaluation "
            "laissée pour cette commande. C'est entièrement votre choix, et cela ne change rien à notre aide.\n\n"
            "Cordialement,\n{{ store_name }}"
        ),
    ),
    StarterTemplate(
        name="First contact after negative feedback",
        kind="first_contact_negative",
        language="es",
        subject="Su pedido {{ order_id }}",
        body=(
            "Hola, {{ buyer_first_name }}:\n\n"
            "Lamentamos que su pedido {{ order_id }} ({{ product_titles }}) no haya cumplido sus expectativas. "
            "Queremos solucionarlo.\n\n"
            "Responda a este mensaje y cuéntenos qué ha fallado. Podemos enviarle un artículo de sustitución "
            "u organizar una devolución según la política de devoluciones de Amazon, como usted prefiera.\n\n"
            "Atentamente,\n{{ store_name }}"
        ),
    ),
    StarterTemplate(
        name="Removal request after resolution",
        kind="removal_request",
        language="es",
        subject="Su pedido {{ order_id }}",
        body=(
            "Hola, {{ buyer_first_name }}:\n\n"
            "Gracias por permitirnos resolver el problema de su pedido {{ order_id }}.\n\n"
            "Si considera que el problema está resuelto, puede actualizar o eliminar la valoración que dejó "
            "para este pedido. "
            "Es una decisión totalmente suya y no afecta a la ayuda que le ofrecemos.\n\n"
            "Atentamente,\n{{ store_name }}"
        ),
    ),
    StarterTemplate(
        name="First contact after negative feedback",
        kind="first_contact_negative",
        language="it",
        subject="Il suo ordine {{ order_id }}",
        body=(
            "Buongiorno {{ buyer_first_name }},\n\n"
            "ci dispiace che il suo ordine {{ order_id }} ({{ product_titles }}) non abbia soddisfatto le "
            "sue aspettative. "
            "Vorremmo rimediare.\n\n"
            "Risponda a questo messaggio e ci dica cosa non è andato. Possiamo inviarle un articolo sostitutivo "
            "o organizzare un reso secondo la politica di reso di Amazon, come preferisce.\n\n"
            "Cordiali saluti,\n{{ store_name }}"
        ),
    ),
    StarterTemplate(
        name="Removal request after resolution",
        kind="removal_request",
        language="it",
        subject="Il suo ordine {{ order_id }}",
        body=(
            "Buongiorno {{ buyer_first_name }},\n\n"
            "grazie per averci permesso di risolvere il problema del suo ordine {{ order_id }}.\n\n"
            "Se ritiene che il problema sia stato risolto, può aggiornare o rimuovere il feedback lasciato "
            "per questo ordine. "
            "È una sua libera scelta e non cambia in alcun modo il nostro supporto.\n\n"
            "Cordiali saluti,\n{{ store_name }}"
        ),
    ),
    StarterTemplate(
        name="First contact after negative feedback",
        kind="first_contact_negative",
        language="ja",
        subject="ご注文 {{ order_id }} について（{{ store_name }}）",
        body=(
            "{{ buyer_first_name }} 様\n\n"
            "ご注文 {{ order_id }}（{{ product_titles }}）がご期待に沿えず、申し訳ございません。"
            "状況を改善させていただきたいと考えております。\n\n"
            "このメッセージにご返信いただき、問題の内容をお知らせください。"
            "交換品の発送、またはAmazonの返品ポリシーに沿った返品のご案内のいずれかを、ご希望に合わせて対応いたします。\n\n"
            "{{ store_name }}"
        ),
    ),
    StarterTemplate(
        name="Removal request after resolution",
        kind="removal_request",
        language="ja",
        subject="ご注文 {{ order_id }} について（{{ store_name }}）",
        body=(
            "{{ buyer_first_name }} 様\n\n"
            "ご注文 {{ order_id }} の問題の解決にご協力いただき、ありがとうございました。\n\n"
            "問題が解決したとお考えの場合は、このご注文に残された評価を更新または削除することも可能です。"
            "これはお客様ご自身のご判断であり、今後のサポートに影響することはありません。\n\n"
            "{{ store_name }}"
        ),
    ),
    StarterTemplate(
        name="Public response: delivery problem",
        kind="public_response",
        language="en",
        subject="",
        body=(
            "We apologise that this delivery did not go as it should. We have contacted you by email with a "
            "solution and are reviewing our process so that it does not happen again."
        ),
    ),
    StarterTemplate(
        name="Public response: item problem",
        kind="public_response",
        language="en",
        subject="",
        body=(
            "We are sorry the item did not meet your expectations. We have sent you a message offering a "
            "replacement or return and will make sure this does not happen again."
        ),
    ),
    StarterTemplate(
        name="Reply: where is my order",
        kind="buyer_reply",
        language="en",
        subject="Re: your order {{ order_id }}",
        body=(
            "Hello {{ buyer_first_name }},\n\n"
            "Thank you for your message about order {{ order_id }}. We have checked the shipment: "
            "[write the current status and the expected delivery date here].\n\n"
            "If it has not arrived by then, please reply to this message and we will send a replacement "
            "or arrange a refund, whichever you prefer.\n\n"
            "Kind regards,\n{{ store_name }}"
        ),
    ),
)
