package io.tfmesh.mesh;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KindTest {

	@Test
	void readsItsIdInAnyCase() {
		assertThat(Kind.of("pod")).isEqualTo(Kind.POD);
		assertThat(Kind.of("Service")).isEqualTo(Kind.SERVICE);
		assertThat(Kind.of("RESERVED")).isEqualTo(Kind.RESERVED);
		assertThat(Kind.FABRIC.id()).isEqualTo("fabric");
		assertThatThrownBy(() -> Kind.of("vpn")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("unknown kind 'vpn'");
	}

	@Test
	void namesKubeManagersSettingAndIpamOfTheClusterKinds() {
		assertThat(Kind.CLUSTER_KINDS).allMatch(Kind::ofCluster);
		assertThat(Kind.UNDERLAY.ofCluster()).isFalse();
		assertThat(Kind.RESERVED.ofCluster()).isFalse();
		assertThat(Kind.FABRIC.kubeManagerKey()).isEqualTo("KUBERNETES_IP_FABRIC_SUBNETS");
		assertThat(Kind.FABRIC.ipamName("east")).isEqualTo("east-ip-fabric-ipam");
		assertThatThrownBy(Kind.UNDERLAY::kubeManagerKey).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> Kind.RESERVED.ipamName("k8s")).isInstanceOf(IllegalStateException.class);
	}

}
