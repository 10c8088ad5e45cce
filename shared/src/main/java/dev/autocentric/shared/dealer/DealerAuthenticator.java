package dev.autocentric.shared.dealer;

import dev.autocentric.shared.dynamo.DealerRepository;
import dev.autocentric.shared.problem.Problem;
import java.util.Optional;

/**
 * Authenticates a dealer system from {@code Authorization: Bearer acd_<dealerId>_<secret>} and
 * checks that it acts on its own path: no or bad credential is 401; a valid credential on
 * another dealer's path (known or not) is 403. Shared by every function with dealer routes.
 */
public final class DealerAuthenticator {

    private final DealerRepository dealers;

    public DealerAuthenticator(DealerRepository dealers) {
        this.dealers = dealers;
    }

    /** The authenticated dealer, which is the dealer of the path; otherwise a 401/403 problem. */
    public Dealer authenticate(String authorization, String pathDealerId) {
        String token = bearer(authorization)
                .orElseThrow(() -> Problem.unauthorized("send Authorization: Bearer <dealer credential>").toException());
        DealerCredentials.Presented presented = DealerCredentials.parse(token)
                .orElseThrow(() -> Problem.unauthorized("the credential is not valid").toException());
        Dealer dealer = dealers.get(presented.dealerId())
                .filter(d -> DealerCredentials.matches(presented.secret(), d.credentialSalt(), d.credentialHash()))
                .orElseThrow(() -> Problem.unauthorized("the credential is not valid").toException());
        if (!dealer.dealerId().equals(pathDealerId)) {
            throw Problem.forbidden("this credential acts only on /v1/dealers/" + dealer.dealerId()).toException();
        }
        return dealer;
    }

    /** The token of a {@code Bearer} authorization header. */
    public static Optional<String> bearer(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String value = authorization.trim();
        if (value.length() < 8 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = value.substring(7).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
