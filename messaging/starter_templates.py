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
