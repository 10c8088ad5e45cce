package dev.autocentric.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringWriter;
import java.math.BigDecimal;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * An OrderPlaced as an ADF 1.0 (Auto-lead Data Format) XML lead, the format dealer CRMs take in:
 * {@code prospect} with {@code requestdate}; {@code vehicle} year, make, model, vin, stock, trim,
 * price; {@code customer} contact (name, email, phone, postal code); {@code vendor} = the selling
 * dealer; {@code provider} = AutoCentric. Written with StAX, so every value is escaped.
 */
public final class AdfLead {
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private AdfLead() {
    }

    public static String of(JsonNode detail, Webhook dealer) {
        JsonNode data = detail.path("data");
        JsonNode vehicle = data.path("vehicle");
        JsonNode buyer = data.path("buyer");
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XML.createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeProcessingInstruction("adf", "version=\"1.0\"");
            x.writeStartElement("adf");
            x.writeStartElement("prospect");
            x.writeAttribute("status", "new");
            element(x, "id", data.path("orderId").asText(), "sequence", "1", "source", "AutoCentric");
            element(x, "requestdate", data.path("placedAt").asText(detail.path("occurredAt").asText()));

            x.writeStartElement("vehicle");
            x.writeAttribute("interest", "buy");
            element(x, "year", vehicle.path("year").asText());
            element(x, "make", vehicle.path("make").asText());
            element(x, "model", vehicle.path("model").asText());
            element(x, "vin", data.path("vin").asText());
            element(x, "stock", vehicle.path("stockNumber").asText());
            if (vehicle.hasNonNull("trim")) {
                element(x, "trim", vehicle.path("trim").asText());
            }
            element(x, "price", dollars(vehicle.path("ePriceCents").asLong()), "type", "offer", "currency", "USD");
            x.writeEndElement();

            x.writeStartElement("customer");
            x.writeStartElement("contact");
            element(x, "name", buyer.path("name").asText(), "part", "full");
            element(x, "email", buyer.path("email").asText());
            element(x, "phone", buyer.path("phone").asText(), "type", "voice");
            x.writeStartElement("address");
            element(x, "postalcode", buyer.path("zip").asText());
            x.writeEndElement();
            x.writeEndElement();
            element(x, "comments", "AutoCentric order " + data.path("orderId").asText() + ": delivered price "
                    + dollars(data.path("totalCents").asLong()) + " USD, delivery dealer "
                    + data.path("deliveryDealerId").asText() + ". Confirm or reject before "
                    + data.path("holdExpiresAt").asText() + ".");
            x.writeEndElement();

            x.writeStartElement("vendor");
            element(x, "id", dealer.dealerId(), "source", "AutoCentric");
            element(x, "vendorname", dealer.dealerName());
            x.writeStartElement("contact");
            element(x, "name", dealer.dealerName(), "part", "full");
            x.writeEndElement();
            x.writeEndElement();

            x.writeStartElement("provider");
            element(x, "name", "AutoCentric", "part", "full");
            element(x, "service", "AutoCentric marketplace orders");
            x.writeEndElement();

            x.writeEndElement();
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("ADF lead not written", e);
        }
        return out.toString();
    }

    private static void element(XMLStreamWriter x, String name, String text, String... attributes)
            throws XMLStreamException {
        x.writeStartElement(name);
        for (int i = 0; i < attributes.length; i += 2) {
            x.writeAttribute(attributes[i], attributes[i + 1]);
        }
        x.writeCharacters(text);
        x.writeEndElement();
    }

    private static String dollars(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }
}
