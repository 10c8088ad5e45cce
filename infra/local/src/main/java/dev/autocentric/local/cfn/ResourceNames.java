package dev.autocentric.local.cfn;

/** What the resolver needs from a deployment: the values of Ref and Fn::GetAtt on resources. */
public interface ResourceNames {
    /** The value of {@code Ref} on a resource; throws {@link UnresolvedReference} when unknown. */
    String ref(String logicalId);

    /** The value of {@code Fn::GetAtt}; throws {@link UnresolvedReference} when unknown. */
    String getAtt(String logicalId, String attribute);

    String region();

    String accountId();

    String stackName();
}
