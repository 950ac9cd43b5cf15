package io.inferdeck.control.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The two admissions without a key store; what only a non-loopback client shows cannot go over loopback HTTP. */
class AdmissionTest {

    @Test
    void withoutKeysOnlyClientsOnThisMachineAreAdmitted() {
        Admission open = Admission.profileKeyOrOpen(Optional.empty());
        assertThat(open.admit(null, true, true).refusal()).isEmpty();
        assertThat(open.admit(null, true, true).keyId()).isEqualTo("none");
        Refusal r = open.admit("Bearer anything", false, true).refusal().orElseThrow();
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.code()).isEqualTo("invalid_api_key");
        assertThat(open.admit(null, false, false).refusal()).as("pages too").isPresent();
    }

    @Test
    void theProfileKeyAdmitsFromAnywhereAndNothingElseDoes() {
        Admission keyed = Admission.profileKeyOrOpen(Optional.of("s3cret-0123456789"));
        assertThat(keyed.admit("Bearer s3cret-0123456789", false, true).refusal()).isEmpty();
        assertThat(keyed.admit("Bearer s3cret-0123456789", false, true).keyId()).isEqualTo("profile");
        assertThat(keyed.admit("Bearer s3cret-012345678", true, true).refusal()).isPresent();
        assertThat(keyed.admit(null, true, false).refusal()).as("loopback is no excuse").isPresent();
        assertThat(keyed.admit("Bearer s3cret-0123456789", true, true).upstreamAuthorization("Bearer s3cret-0123456789"))
                .isEqualTo("Bearer s3cret-0123456789");
    }

    @Test
    void bearerTokensAreReadCaseInsensitivelyAndNeverEmpty() {
        assertThat(BearerToken.of("Bearer abc")).contains("abc");
        assertThat(BearerToken.of("bearer  abc ")).contains("abc");
        assertThat(BearerToken.of("Bearer ")).isEmpty();
        assertThat(BearerToken.of("Basic abc")).isEmpty();
        assertThat(BearerToken.of(null)).isEmpty();
    }
}
