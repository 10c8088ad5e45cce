package dev.autocentric.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocentric.local.emulator.ProjectRoot;
import dev.autocentric.shared.json.Json;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.ProcessingInstruction;

/** The OrderPlaced sample as an ADF 1.0 lead: well-formed XML with every field a dealer CRM needs. */
class AdfLeadTest {
    static final Webhook DEALER = new Webhook("dlr-chevy-austin", "Austin Chevrolet & Sons", "https://crm.example/leads",
            Webhook.Format.ADF, "s");

    static JsonNode orderPlaced() throws Exception {
        return Json.tree(Files.readString(ProjectRoot.find().resolve("events/OrderPlaced.json")));
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theLeadParsesAndHasTheRequiredFields() throws Exception {
        Document adf = parse(AdfLead.of(orderPlaced().path("detail"), DEALER));
        XPath x = XPathFactory.newInstance().newXPath();

        assertEquals("adf", adf.getDocumentElement().getNodeName());
        ProcessingInstruction pi = (ProcessingInstruction) adf.getFirstChild();
        assertEquals("adf", pi.getTarget());
        assertEquals("version=\"1.0\"", pi.getData());
        assertEquals("2026-11-26T08:00:00.123Z", x.evaluate("/adf/prospect/requestdate", adf));
        assertEquals("ordq7k2m4xw5fz3hn6tjb2rcdpeav", x.evaluate("/adf/prospect/id[@source='AutoCentric']", adf));
        assertEquals("2024", x.evaluate("/adf/prospect/vehicle/year", adf));
        assertEquals("Chevrolet", x.evaluate("/adf/prospect/vehicle/make", adf));
        assertEquals("Malibu", x.evaluate("/adf/prospect/vehicle/model", adf));
        assertEquals("1G1ZD5ST1LF012345", x.evaluate("/adf/prospect/vehicle/vin", adf));
        assertEquals("A1234", x.evaluate("/adf/prospect/vehicle/stock", adf));
        assertEquals("27499.00", x.evaluate("/adf/prospect/vehicle/price[@currency='USD']", adf));
        assertEquals("Jordan Rivera", x.evaluate("/adf/prospect/customer/contact/name", adf));
        assertEquals("jordan.rivera@example.com", x.evaluate("/adf/prospect/customer/contact/email", adf));
        assertEquals("+1-512-555-0142", x.evaluate("/adf/prospect/customer/contact/phone", adf));
        assertEquals("75201", x.evaluate("/adf/prospect/customer/contact/address/postalcode", adf));
        assertEquals("Austin Chevrolet & Sons", x.evaluate("/adf/prospect/vendor/vendorname", adf));
        assertEquals("dlr-chevy-austin", x.evaluate("/adf/prospect/vendor/id", adf));
        assertEquals("AutoCentric", x.evaluate("/adf/prospect/provider/name", adf));
    }

    @Test
    void markupInABuyersNameIsEscapedNotInjected() throws Exception {
        JsonNode detail = orderPlaced().path("detail").deepCopy();
        ((ObjectNode) detail.path("data").path("buyer")).put("name", "</name><evil/>&");
        Document adf = parse(AdfLead.of(detail, DEALER));
        assertEquals("</name><evil/>&", XPathFactory.newInstance().newXPath()
                .evaluate("/adf/prospect/customer/contact/name", adf));
        assertTrue(adf.getElementsByTagName("evil").getLength() == 0);
    }
}
