package dev.autocentric.local.cfn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads CloudFormation YAML, turning the short-form tags ({@code !Ref}, {@code !GetAtt},
 * {@code !Sub}, ...) into the long form ({@code {"Ref": x}}, {@code {"Fn::GetAtt": [a, b]}}),
 * so the rest of the code sees one shape only.
 */
final class CfnYaml {
    private static final List<String> FUNCTIONS = List.of(
            "Base64", "Cidr", "Equals", "FindInMap", "GetAZs", "GetAtt", "ImportValue", "Join", "Select",
            "Split", "Sub", "Transform", "If", "Not", "And", "Or", "Length", "ToJsonString");

    private CfnYaml() {
    }

    static Map<String, Object> parse(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(new TagConstructor(options));
        Object doc = yaml.load(text);
        if (!(doc instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("a template must be a YAML mapping");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) map;
        return result;
    }

    private static final class TagConstructor extends SafeConstructor {
        TagConstructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
            for (String fn : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + fn), new Intrinsic("Fn::" + fn));
            }
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String key;

            Intrinsic(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    String text = constructScalar(scalar);
                    // !GetAtt Resource.Attribute is the scalar form of ["Resource", "Attribute"]
                    value = key.equals("Fn::GetAtt") ? List.of(text.substring(0, text.indexOf('.')),
                            text.substring(text.indexOf('.') + 1)) : text;
                } else if (node instanceof SequenceNode seq) {
                    value = constructSequence(seq);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                Map<String, Object> wrapped = new LinkedHashMap<>();
                wrapped.put(key, value);
                return wrapped;
            }
        }
    }
}
