package dev.autocentric.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocentric.local.cfn.RuleSpec;
import dev.autocentric.local.cfn.SamTemplate;
import dev.autocentric.local.emulator.Deployment;
import dev.autocentric.local.emulator.ProjectRoot;
import dev.autocentric.local.testkit.LocalAws;
import dev.autocentric.shared.json.Json;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.event.ruler.Machine;

/**
 * The webhook rules of template.yaml matched by Event Ruler (EventBridge's own pattern
 * semantics) against the sample of every event type: each interest gets exactly its events.
 */
class RulePatternsTest {
    static Machine machine;

    @BeforeAll
    static void rules() throws Exception {
        Deployment aws = LocalAws.shared().deploy("notifier-rules-");
        List<RuleSpec> rules = SamTemplate.load(LocalAws.templateFile(), Map.of()).rules(aws);
        machine = new Machine();
        for (RuleSpec rule : rules) {
            machine.addRule(rule.logicalId(), rule.patternJson());
        }
    }

    static Set<String> matching(String sampleType, String source) throws Exception {
        ObjectNode event = (ObjectNode) Json.tree(Files.readString(ProjectRoot.find().resolve("events/" + sampleType + ".json")));
        if (source != null) {
            event.put("source", source);
        }
        return new TreeSet<>(machine.rulesForJSONEvent(Json.write(event)).stream().map(Object::toString).toList());
    }

    @ParameterizedTest
    @CsvSource({
        "OrderPlaced, SellingDealerOrderEventsRule",
        "OrderCancelled, SellingDealerOrderEventsRule",
        "OrderExpired, SellingDealerOrderEventsRule",
        "OrderConfirmed, DeliveryDealerOrderEventsRule",
        "OrderShipped, DeliveryDealerOrderEventsRule",
        "OrderRejected, ''",
        "OrderReadyForPickup, ''",
        "OrderDelivered, ''",
        "ListingPublished, ''",
        "ListingPriceChanged, ''",
        "ListingSold, ''",
    })
    void eachSampleReachesExactlyItsInterest(String type, String rule) throws Exception {
        assertEquals(rule.isEmpty() ? Set.of() : Set.of(rule), matching(type, null));
    }

    @ParameterizedTest
    @CsvSource({"OrderPlaced", "OrderConfirmed"})
    void anOrderTypeFromAnotherSourceMatchesNothing(String type) throws Exception {
        assertEquals(Set.of(), matching(type, "autocentric.listings"));
    }
}
