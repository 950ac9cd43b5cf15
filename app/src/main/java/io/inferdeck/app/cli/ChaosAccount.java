package io.inferdeck.app.cli;

import io.inferdeck.control.supervisor.ReplicaChaos.Fault;
import io.inferdeck.tuning.load.BenchResult;
import java.io.PrintWriter;
import java.util.List;

/**
 * The chaos run's fairness check: a fault can fail at most the requests the struck replica was serving at
 * that moment, and requests refused on purpose (429: too many waiting for a replica) are not failures of
 * the deployment. So failures (errors + timeouts) must not exceed in-flight-at-faults + 429s; anything
 * beyond means requests that arrived after a fault were lost too (bad routing or an all-down window).
 *
 * @param inFlightAtFaults sum over faults of the struck replica's in-flight requests
 * @param mostAtOneFault   the largest of those
 * @param rejectedByDesign HTTP 429 answers among the failures
 */
record ChaosAccount(int faults, long inFlightAtFaults, int mostAtOneFault, long failures, long rejectedByDesign) {

    static ChaosAccount of(List<Fault> faults, BenchResult r) {
        return of(faults, r.errors() + r.timeouts(), r.failuresByCause().getOrDefault("http_429", 0L));
    }

    static ChaosAccount of(List<Fault> faults, long failures, long rejected429) {
        long inFlight = faults.stream().mapToLong(Fault::inFlight).sum();
        int most = faults.stream().mapToInt(Fault::inFlight).max().orElse(0);
        return new ChaosAccount(faults.size(), inFlight, most, failures, rejected429);
    }

    boolean holds() {
        return failures <= inFlightAtFaults + rejectedByDesign;
    }

    void print(PrintWriter out) {
        out.printf("in flight on the struck replica: %d over %d faults (at most %d at one fault)%n",
                inFlightAtFaults, faults, mostAtOneFault);
        out.printf("failures %d %s in flight at faults %d + rejected by design (429) %d: %s%n", failures,
                holds() ? "<=" : ">", inFlightAtFaults, rejectedByDesign,
                holds() ? "only requests caught by a fault failed" : "requests beyond those caught by a fault failed");
    }
}
