package io.tfmesh.inventory;

import io.tfmesh.support.Fixtures;
import io.tfmesh.support.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CloudApiSmokeIT extends IntegrationTestSupport {

	@Test
	void createdCloudIsListed() {
		String name = unique("smoke");
		Fixtures.createCloud(api.asAdmin(), name);
		assertThat(api.asAdmin().get("/api/v1/clouds?q=" + name).json().get("items").get(0).get("name").asString())
			.isEqualTo(name);
	}

}
