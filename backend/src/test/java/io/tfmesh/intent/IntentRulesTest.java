package io.tfmesh.intent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.tfmesh.fabric.kubernetes.ServiceInfo;
import io.tfmesh.fabric.kubernetes.ServicePort;
import io.tfmesh.intent.IntentRules.ClusterFacts;
import io.tfmesh.intent.IntentRules.MeshRef;
import io.tfmesh.intent.IntentRules.Verdict;
import io.tfmesh.observe.ObservedState;
import io.tfmesh.observe.ObservedState.SourceReading;
import io.tfmesh.plan.IntentSpec.PortRange;
import io.tfmesh.system.error.FieldProblem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IntentRulesTest {

	private static final Instant OBSERVED_AT = Instant.parse("2026-11-30T06:00:00.123Z");

	private static final MeshRef SEED = new MeshRef(1, "seed");

	private static final ServiceInfo ORDERS = new ServiceInfo("backend", "orders", "ClusterIP",
			List.of("10.112.0.42"), List.of(new ServicePort("http", "TCP", 8080, 8080)));

	private final ClusterFacts awsEast = new ClusterFacts(1, "aws-east", SEED,
			observed(1, "aws-east", List.of("default", "frontend"), List.of(), List.of()));

	private final ClusterFacts gcpWest = new ClusterFacts(2, "gcp-west", SEED,
			observed(2, "gcp-west", List.of("default", "backend"), List.of(ORDERS), List.of()));

	@Test
	void acceptsTheSeedStorysIntent() {
		Verdict verdict = IntentRules.check(request("tcp", "8080"), awsEast, gcpWest);

		assertThat(verdict.accepted()).as(verdict.toString()).isTrue();
		assertThat(verdict.ports()).containsExactly(new PortRange(8080, 8080));
	}

	@Test
	void refusesAnotherProtocolAndPortsOutOfRangeAllAtOnce() {
		Verdict verdict = IntentRules.check(request("icmp", "0", "70000", "9000-8000"), awsEast, gcpWest);

		assertThat(verdict.invalid()).extracting(FieldProblem::field)
			.containsExactly("protocol", "ports[0]", "ports[1]", "ports[2]");
		assertThat(verdict.invalid().get(0).message()).isEqualTo("must be tcp, udp or any, not 'icmp'");
	}

	@Test
	void tcpAndUdpNameTheirPortsOnlyAnyMayMeanEveryPort() {
		assertThat(IntentRules.check(request("tcp"), awsEast, gcpWest).invalid()).extracting(FieldProblem::field)
			.containsExactly("ports");
		assertThat(IntentRules.check(request("udp"), awsEast, gcpWest).invalid()).hasSize(1);
		Verdict any = IntentRules.check(request("any"), awsEast, gcpWest);
		assertThat(any.accepted()).isTrue();
		assertThat(any.ports()).isEmpty();
	}

	@Test
	void refusesUnknownClustersAndTheSameClusterOnBothEnds() {
		Verdict unknown = IntentRules.check(request("tcp", "8080"), null, null);
		assertThat(unknown.invalid()).extracting(FieldProblem::field, FieldProblem::message)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("sourceClusterId", "no cluster has id 1"),
					org.assertj.core.groups.Tuple.tuple("destinationClusterId", "no cluster has id 2"));

		Verdict same = IntentRules.check(request("tcp", "8080"), gcpWest, gcpWest);
		assertThat(same.invalid()).extracting(FieldProblem::field).containsExactly("destinationClusterId");
		assertThat(same.invalid().get(0).message()).startsWith("must be another cluster than the source (gcp-west)");
	}

	@Test
	void namesTheMeshOfEachClusterWhenTheyAreNotInTheSameOne() {
		ClusterFacts elsewhere = new ClusterFacts(2, "gcp-west", new MeshRef(7, "lab"), gcpWest.observed());
		Verdict verdict = IntentRules.check(request("tcp", "8080"), awsEast, elsewhere);

		assertThat(verdict.invalid()).isEmpty();
		assertThat(verdict.unprocessable()).extracting(FieldProblem::message)
			.containsExactly("gcp-west is a member of mesh 'lab' and aws-east of mesh 'seed'; both must be members of "
					+ "the same mesh");

		ClusterFacts alone = new ClusterFacts(1, "aws-east", null, awsEast.observed());
		assertThat(IntentRules.check(request("tcp", "8080"), alone, gcpWest).unprocessable())
			.extracting(FieldProblem::field, FieldProblem::message)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("sourceClusterId",
					"aws-east is a member of no mesh; add both clusters to one mesh first"));
	}

	@Test
	void anUnobservedDestinationIsRefusedWithHowToObserveIt() {
		ClusterFacts unobserved = new ClusterFacts(2, "gcp-west", SEED, null);
		Verdict verdict = IntentRules.check(request("tcp", "8080"), awsEast, unobserved);

		assertThat(verdict.unprocessable()).extracting(FieldProblem::field).containsExactly("destinationClusterId");
		assertThat(verdict.unprocessable().get(0).message())
			.isEqualTo("gcp-west was never observed; observe it (POST /api/v1/clusters/2/observe) so that tfmesh knows "
					+ "its namespaces and Services");
	}

	@Test
	void aDestinationWhoseKubernetesApiWasNotReadIsUnknownNotEmpty() {
		ObservedState failed = observed(2, "gcp-west", List.of(), List.of(),
				List.of("kubernetes/namespaces", "kubernetes/services"));
		Verdict verdict = IntentRules.check(request("tcp", "8080"), awsEast, new ClusterFacts(2, "gcp-west", SEED, failed));

		assertThat(verdict.unprocessable()).extracting(FieldProblem::field).containsExactly("destinationClusterId");
		assertThat(verdict.unprocessable().get(0).message()).isEqualTo("the last observation of gcp-west "
				+ "(2026-11-30T06:00:00Z) did not read its Kubernetes API completely: kubernetes/namespaces failed "
				+ "(UNREACHABLE), kubernetes/services failed (UNREACHABLE); observe it again once the API answers");
	}

	@Test
	void anObservationMadeBeforeServicesWereReadDoesNotSayTheServiceIsMissing() {
		ObservedState old = new ObservedState(2, "gcp-west", OBSERVED_AT, 10, true, "rev",
				List.of(new SourceReading("kubernetes/namespaces", "ok", null, null, 1)), null, List.of(), List.of(),
				List.of(), List.of(), null, List.of(), null, List.of(), List.of(), null, List.of(), List.of("backend"),
				List.of());
		Verdict verdict = IntentRules.check(request("tcp", "8080"), awsEast, new ClusterFacts(2, "gcp-west", SEED, old));

		assertThat(verdict.unprocessable()).extracting(FieldProblem::field).containsExactly("destinationClusterId");
		assertThat(verdict.unprocessable().get(0).message()).contains("did not read kubernetes/services",
				"observe it again");
	}

	@Test
	void namesTheMissingNamespaceServiceAndSourceNamespaceWithWhenTheClusterWasObserved() {
		IntentRequest request = new IntentRequest(null, 1L, "web", 2L, "shop", "orders", "tcp", List.of("8080"), null);
		Verdict verdict = IntentRules.check(request, awsEast, gcpWest);

		assertThat(verdict.unprocessable()).extracting(FieldProblem::field, FieldProblem::message)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple("destinationNamespace",
							"gcp-west has no namespace 'shop' (last observed 2026-11-30T06:00:00Z)"),
					org.assertj.core.groups.Tuple.tuple("sourceNamespace",
							"aws-east has no namespace 'web' (last observed 2026-11-30T06:00:00Z)"));

		IntentRequest noService = new IntentRequest(null, 1L, "frontend", 2L, "backend", "payments", "tcp",
				List.of("8080"), null);
		assertThat(IntentRules.check(noService, awsEast, gcpWest).unprocessable())
			.extracting(FieldProblem::field, FieldProblem::message)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("destinationService",
					"gcp-west has no Service 'payments' in namespace 'backend' (last observed 2026-11-30T06:00:00Z)"));
	}

	@Test
	void aHeadlessServiceHasNoAddressToImport() {
		ServiceInfo headless = new ServiceInfo("backend", "orders", "ClusterIP", List.of(), ORDERS.ports());
		ClusterFacts destination = new ClusterFacts(2, "gcp-west", SEED,
				observed(2, "gcp-west", List.of("backend"), List.of(headless), List.of()));

		assertThat(IntentRules.check(request("tcp", "8080"), awsEast, destination).unprocessable())
			.extracting(FieldProblem::field)
			.containsExactly("destinationService");
	}

	@Test
	void anUnobservedSourceIsRefusedToo() {
		ClusterFacts unobserved = new ClusterFacts(1, "aws-east", SEED, null);

		assertThat(IntentRules.check(request("tcp", "8080"), unobserved, gcpWest).unprocessable())
			.extracting(FieldProblem::field)
			.containsExactly("sourceClusterId");
	}

	private static IntentRequest request(String protocol, String... ports) {
		return new IntentRequest(null, 1L, "frontend", 2L, "backend", "orders", protocol, List.of(ports), null);
	}

	/** An observation whose Kubernetes sources answered, except the failed ones. */
	private static ObservedState observed(long id, String name, List<String> namespaces, List<ServiceInfo> services,
			List<String> failed) {
		List<SourceReading> sources = new ArrayList<>();
		for (String source : List.of("kubernetes/nodes", "kubernetes/namespaces", "kubernetes/services",
				"tungsten-fabric/config-api")) {
			sources.add(failed.contains(source) ? new SourceReading(source, "failed", "UNREACHABLE", "refused", 1)
					: new SourceReading(source, "ok", null, null, 1));
		}
		return new ObservedState(id, name, OBSERVED_AT, 10, failed.isEmpty(), "rev", sources, null, List.of(),
				List.of(), List.of(), List.of(), null, List.of(), null, List.of(), List.of(), null, List.of(), namespaces,
				services);
	}

}
