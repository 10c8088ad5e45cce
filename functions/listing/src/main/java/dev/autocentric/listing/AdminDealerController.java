package dev.autocentric.listing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocentric.shared.http.HttpBodies;
import dev.autocentric.shared.json.Json;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;

/** Operator route: enrol a dealer; the answer carries its credential, shown this once. */
@Controller("/v1/admin/dealers")
@Consumes(MediaType.ALL)
public class AdminDealerController {

    private final DealerEnrolment enrolment;

    public AdminDealerController(DealerEnrolment enrolment) {
        this.enrolment = enrolment;
    }

    @Post
    HttpResponse<String> enrol(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                               @Nullable @Body String body) {
        enrolment.authorise(authorization);
        DealerEnrolment.Enrolled enrolled = enrolment.enrol(HttpBodies.json(body, BodyLimits.MAX_ADMIN_BYTES));
        ObjectNode answer = Json.MAPPER.valueToTree(enrolled.dealer());
        answer.put("credential", enrolled.credential());
        return HttpBodies.json(HttpStatus.CREATED, answer)
                .header(HttpHeaders.LOCATION, "/v1/dealers/" + enrolled.dealer().dealerId());
    }
}
