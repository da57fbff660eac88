package io.tfmesh.plan.compile;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImportedNamesTest {

	/** Kubernetes' DNS-1035 label, which Service names must match. */
	static final String DNS_1035 = "[a-z]([-a-z0-9]*[a-z0-9])?";

	@Test
	void joinsTheServiceAndTheClusterName() {
		assertThat(ImportedNames.service("orders", "gcp-west")).isEqualTo("orders-gcp-west");
	}

	@Test
	void makesAValidLabelOfAClusterNameThatIsNotOne() {
		String name = ImportedNames.service("orders", "GCP_West.1");

		assertThat(name).matches(DNS_1035).startsWith("orders-gcp-west-1-");
		assertThat(ImportedNames.service("orders", "GCP_West.1")).isEqualTo(name);
		assertThat(ImportedNames.service("orders", "gcp_west.1")).isNotEqualTo(name);
	}

	@Test
	void cutsALongNameTo63CharactersKeepingItDistinct() {
		String service = "a-very-long-service-name-that-is-allowed-by-kubernetes-x";
		String first = ImportedNames.service(service, "cluster-one");
		String second = ImportedNames.service(service, "cluster-two");

		assertThat(first).hasSizeLessThanOrEqualTo(63).matches(DNS_1035);
		assertThat(second).hasSizeLessThanOrEqualTo(63).matches(DNS_1035);
		assertThat(first).isNotEqualTo(second);
		assertThat(ImportedNames.service(service, "cluster-one")).isEqualTo(first);
	}

	@Test
	void startsWithALetter() {
		assertThat(ImportedNames.service("1st", "2nd")).matches(DNS_1035);
	}

	@Test
	void makesLabelValuesKubernetesAccepts() {
		assertThat(ImportedNames.labelValue("gcp-west")).isEqualTo("gcp-west");
		assertThat(ImportedNames.labelValue("-gcp west_")).isEqualTo("gcp-west");
		assertThat(ImportedNames.labelValue("x".repeat(70))).hasSize(63);
	}

}
