package dev.autocentric.local.cfn;

/** Thrown while resolving an intrinsic that names a resource not provisioned (yet). */
public final class UnresolvedReference extends RuntimeException {
    private final String logicalId;

    public UnresolvedReference(String logicalId, String detail) {
        super(detail);
        this.logicalId = logicalId;
    }

    public String logicalId() {
        return logicalId;
    }
}
