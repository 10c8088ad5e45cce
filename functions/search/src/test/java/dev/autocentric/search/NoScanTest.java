package dev.autocentric.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No Scan anywhere on the search path: the template grants the search function nothing but Query
 * on the Listings indexes and BatchGetItem on the market statistics, so a Scan would be refused
 * when deployed. (That no function's code calls a Scan is infra/e2e's NoScanOnRequestPathsTest.)
 */
class NoScanTest {

    static final Path ROOT = Path.of(System.getProperty("autocentric.root", "../.."));

    @Test
    void theTemplateGrantsOnlyQueryAndBatchGetItem() throws IOException {
        String template = Files.readString(ROOT.resolve("template.yaml"));
        int start = template.indexOf("\n  SearchFunction:\n");
        int end = template.indexOf("\n  SearchFunctionLogGroup:", start);
        assertTrue(start > 0 && end > start, "SearchFunction in template.yaml");
        String function = template.substring(start, end);
        List<String> actions = Pattern.compile("Action:\\s*(\\S+)").matcher(function).results()
                .map(r -> r.group(1)).toList();
        assertEquals(List.of("dynamodb:Query", "dynamodb:BatchGetItem"), actions);
        assertFalse(function.contains("DynamoDBReadPolicy") || function.contains("DynamoDBCrudPolicy"),
                "no managed policy template (they include Scan)");
    }
}
