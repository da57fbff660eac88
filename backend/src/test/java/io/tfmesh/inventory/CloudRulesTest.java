package io.tfmesh.inventory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import io.tfmesh.net.Cidr;
import io.tfmesh.system.error.FieldProblem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CloudRulesTest {

	@Test
	void eachOverlappingUnderlayIsNamedWithTheEarlierOneItOverlaps() {
		List<FieldProblem> problems = overlaps(
				cloud(List.of("10.1.0.0/16", "10.0.0.0/8", "192.168.0.0/24", "10.0.0.0/8", "192.168.1.0/24")));

		assertThat(problems).extracting(FieldProblem::field)
			.containsExactlyInAnyOrder("underlayCidrs[1]", "underlayCidrs[3]");
		assertThat(problems).filteredOn(problem -> problem.field().equals("underlayCidrs[1]"))
			.singleElement()
			.extracting(FieldProblem::message)
			.isEqualTo("10.0.0.0/8 overlaps 10.1.0.0/16 (underlayCidrs[0]); list each underlay network once");
	}

	@Test
	void disjointUnderlaysOfBothFamiliesPass() {
		assertThat(overlaps(cloud(List.of("10.0.0.0/16", "10.1.0.0/16", "fd00::/64", "172.16.0.0/12"))))
			.isEmpty();
	}

	@Test
	void theSweepFindsAnOverlapWhereverThePairwiseCheckFindsOne() {
		Random random = new Random(7);
		for (int round = 0; round < 500; round++) {
			List<String> cidrs = new ArrayList<>();
			for (int i = 0; i < 1 + random.nextInt(8); i++) {
				int prefix = 8 + random.nextInt(9);
				int address = (10 << 24) | (random.nextInt(1 << 16) << 8);
				Cidr cidr = Cidr.parse(ipv4(address & (int) (0xFFFFFFFFL << (32 - prefix))) + "/" + prefix);
				cidrs.add(cidr.toString());
			}
			List<String> expected = new ArrayList<>();
			for (int i = 0; i < cidrs.size(); i++) {
				for (int j = 0; j < i; j++) {
					if (Cidr.parse(cidrs.get(i)).overlaps(Cidr.parse(cidrs.get(j)))) {
						expected.add("underlayCidrs[" + i + "]");
						break;
					}
				}
			}
			List<String> found = overlaps(cloud(cidrs)).stream().map(FieldProblem::field).distinct().toList();
			assertThat(!found.isEmpty()).as(cidrs.toString()).isEqualTo(!expected.isEmpty());
		}
	}

	@Test
	void aListLongerThanTheLimitIsLeftToTheSizeConstraint() {
		List<String> cidrs = Collections.nCopies(CloudRequest.MAX_UNDERLAYS + 1, "10.0.0.0/16");

		assertThat(CloudRules.check(cloud(cidrs))).isEmpty();
		assertThat(overlaps(cloud(cidrs.subList(0, CloudRequest.MAX_UNDERLAYS))))
			.hasSize(CloudRequest.MAX_UNDERLAYS - 1);
	}

	@Test
	void aKubeconfigOverTheLimitIsNotParsed() {
		// unparsed, it is left to the size constraint; parsed, it would be "not valid YAML"
		assertThat(ClusterRules.kubeconfigProblem("a: b\n".repeat(2 * 1024 * 1024))).isNull();
		assertThat(ClusterRules.kubeconfigProblem("a: [")).startsWith("is not valid YAML");
	}

	private static List<FieldProblem> overlaps(CloudRequest cloud) {
		return CloudRules.check(cloud).stream().filter(problem -> problem.field().startsWith("underlayCidrs")).toList();
	}

	private static CloudRequest cloud(List<String> cidrs) {
		return new CloudRequest("c", Provider.AWS, "us-east-1", cidrs, "192.0.2.1", null);
	}

	private static String ipv4(int address) {
		return (address >>> 24) + "." + ((address >> 16) & 0xFF) + "." + ((address >> 8) & 0xFF) + "." + (address & 0xFF);
	}

}
