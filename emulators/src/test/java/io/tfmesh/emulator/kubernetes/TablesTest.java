package io.tfmesh.emulator.kubernetes;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TablesTest {

	@Test
	void aTableIsServedWhenTheClientPrefersOneItKnows() {
		assertThat(Tables.requested(
				"application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json"))
			.hasValue("v1");
		assertThat(Tables.requested("application/json;as=Table;v=v1beta1;g=meta.k8s.io, application/json")).hasValue("v1beta1");
		assertThat(Tables.requested("application/json;q=0.9,application/json;as=Table;v=v1;g=meta.k8s.io")).hasValue("v1");
		assertThat(Tables.requested("application/json;as=Table;v=v1;g=meta.k8s.io;q=0.5,application/json")).isEmpty();
		assertThat(Tables.requested("application/json")).isEmpty();
		assertThat(Tables.requested(null)).isEmpty();
		assertThat(Tables.requested("application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json"))
			.isEmpty();
	}

}
