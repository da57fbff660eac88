package io.tfmesh.mesh;

import java.util.List;

import io.tfmesh.fabric.tf.NetworkIpam;
import io.tfmesh.mesh.CurrentCidrs.Decision;
import io.tfmesh.mesh.planner.AddressSpace;
import io.tfmesh.net.Cidr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CurrentCidrsTest {

	private static final Cidr POD_POOL = Cidr.parse("10.0.0.0/8");

	private static final AddressSpace EMPTY = AddressSpace.of(List.of());

	private static final String DISAGREE = "its sources do not agree on one pod CIDR";

	// keeps

	@Test
	void keepsTheCidrEverySourceAgreesOnWhenItLiesInsideThePoolAndIsFree() {
		Decision decision = CurrentCidrs.decide(Observed.defaults("a").kubeadm("10.32.0.0/12", "10.96.0.0/12").state(),
				Kind.SERVICE, Cidr.parse("10.96.0.0/11"), AddressSpace.of(List.of(Cidr.parse("10.32.0.0/12"))));

		assertThat(decision).isEqualTo(new Decision(Cidr.parse("10.96.0.0/12"),
				"the cluster already uses 10.96.0.0/12, which is inside the pool and collides with nothing"));
		assertThat(decision.keeps()).isTrue();
	}

	@Test
	void keepsTheEntrypointDefaultWhenKubeManagerIsTheOnlySource() {
		assertThat(decide(Observed.cluster("a").defaultSetting("KUBERNETES_POD_SUBNETS", " 10.32.0.0/12 ")))
			.isEqualTo(kept("10.32.0.0/12"));
	}

	@Test
	void keepsTheIpamsSubnetWhenTheIpamIsTheOnlySource() {
		assertThat(decide(Observed.cluster("a").ipam("k8s-pod-ipam", "10.32.0.0/12"))).isEqualTo(kept("10.32.0.0/12"));
	}

	@Test
	void keepsAPoolThatIsExactlyTheCurrentCidr() {
		assertThat(CurrentCidrs.decide(Observed.defaults("a").state(), Kind.FABRIC, Cidr.parse("10.64.0.0/12"), EMPTY)
			.kept()).isEqualTo(Cidr.parse("10.64.0.0/12"));
	}

	@Test
	void ignoresKubeadmsPodSubnetWhichTfNeverReads() {
		assertThat(decide(Observed.defaults("a").kubeadm("10.244.0.0/16", null))).isEqualTo(kept("10.32.0.0/12"));
	}

	@Test
	void readsTheIpamsNamedAfterTheClustersTfName() {
		Observed observed = Observed.cluster("a")
			.setting("KUBERNETES_CLUSTER_NAME", "east")
			.setting("KUBERNETES_POD_SUBNETS", "10.32.0.0/12")
			.ipam(new NetworkIpam(null, List.of(), "flat-subnet", List.of("10.1.0.0/16")))
			.ipam("k8s-pod-ipam", "10.48.0.0/12")
			.ipam("east-service-ipam", "10.96.0.0/12")
			.ipam("east-pod-ipam", "10.32.0.0/12");

		assertThat(decide(observed)).isEqualTo(kept("10.32.0.0/12"));
		assertThat(CurrentCidrs.ipamSubnets(observed.state(), Kind.SERVICE)).containsExactly("10.96.0.0/12");
		assertThat(CurrentCidrs.ipamSubnets(observed.state(), Kind.FABRIC)).isEmpty();
		assertThat(CurrentCidrs.ipamSubnets(Observed.cluster("a").setting("KUBERNETES_CLUSTER_NAME", " ")
			.ipam("k8s-pod-ipam", "10.32.0.0/12").state(), Kind.POD)).containsExactly("10.32.0.0/12");
		assertThat(CurrentCidrs.ipamSubnets(Observed.cluster("a").state(), Kind.POD)).isEmpty();
	}

	// does not keep

	@Test
	void keepsNothingOfAClusterNeverObserved() {
		assertThat(CurrentCidrs.decide(null, Kind.POD, POD_POOL, EMPTY)).isEqualTo(
				new Decision(null, "the cluster has not been observed, so its current CIDRs are unknown"));
		assertThat(CurrentCidrs.agreed(null, Kind.POD)).isEmpty();
	}

	@Test
	void keepsNothingWhenKubeManagerAndTheIpamDisagree() {
		assertThat(decide(Observed.defaults("a").setting("KUBERNETES_POD_SUBNETS", "10.128.0.0/16")))
			.isEqualTo(notKept(DISAGREE));
	}

	@Test
	void bringsTfToKubeadmsServiceSubnetWhenTheyDisagree() {
		Decision decision = CurrentCidrs.decide(Observed.defaults("a").kubeadm(null, "10.112.0.0/12").state(),
				Kind.SERVICE, POD_POOL, EMPTY);

		assertThat(decision.kept()).isEqualTo(Cidr.parse("10.112.0.0/12"));
		assertThat(decision.reason()).contains("kubeadm's serviceSubnet 10.112.0.0/12");
	}

	@Test
	void keepsNothingWhenKubeadmsDisagreeingServiceSubnetLiesOutsideThePool() {
		Decision decision = CurrentCidrs.decide(Observed.defaults("a").kubeadm(null, "10.112.0.0/12").state(),
				Kind.SERVICE, Cidr.parse("10.96.0.0/12"), EMPTY);

		assertThat(decision).isEqualTo(new Decision(null, "its sources do not agree on one service CIDR"));
		assertThat(decision.keeps()).isFalse();
	}

	@Test
	void keepsNothingWhenKubeadmsDisagreeingServiceSubnetIsTaken() {
		Decision decision = CurrentCidrs.decide(Observed.defaults("a").kubeadm(null, "10.112.0.0/12").state(),
				Kind.SERVICE, POD_POOL, AddressSpace.of(List.of(Cidr.parse("10.112.0.0/16"))));

		assertThat(decision.keeps()).isFalse();
	}

	@Test
	void neverKeepsKubeadmsPodSubnetWhenThePodSourcesDisagree() {
		assertThat(CurrentCidrs.decide(Observed.defaults("a").kubeadm("10.244.0.0/16", null)
			.setting("KUBERNETES_POD_SUBNETS", "10.128.0.0/16")
			.state(), Kind.POD, POD_POOL, EMPTY).keeps()).isFalse();
	}

	@Test
	void keepsNothingWhenKubeManagerNamesSeveralSubnets() {
		assertThat(decide(Observed.cluster("a").setting("KUBERNETES_POD_SUBNETS", "10.32.0.0/12 10.48.0.0/12")))
			.isEqualTo(notKept(DISAGREE));
	}

	@Test
	void keepsNothingWhenTheIpamHoldsSeveralSubnets() {
		assertThat(decide(Observed.defaults("a").ipam("k8s-pod-ipam", "10.32.0.0/12", "10.48.0.0/12")))
			.isEqualTo(notKept(DISAGREE));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "not-a-cidr", "10.32.0.1/12", "10.32.0.0" })
	void keepsNothingWhenNoSourceNamesACidr(String setting) {
		assertThat(decide(Observed.cluster("a").setting("KUBERNETES_POD_SUBNETS", setting)))
			.isEqualTo(notKept(DISAGREE));
	}

	@Test
	void keepsNothingWhenNoSourceSaysAnything() {
		assertThat(decide(Observed.cluster("a").setting("KUBERNETES_POD_SUBNETS", null))).isEqualTo(notKept(DISAGREE));
	}

	@Test
	void keepsNothingOutsideThePool() {
		assertThat(CurrentCidrs.decide(Observed.defaults("a").state(), Kind.POD, Cidr.parse("172.16.0.0/12"), EMPTY))
			.isEqualTo(notKept("its current 10.32.0.0/12 is outside the pool 172.16.0.0/12"));
	}

	@Test
	void keepsNothingLargerThanThePoolThatStartsWhereThePoolStarts() {
		assertThat(CurrentCidrs.decide(Observed.defaults("a").state(), Kind.POD, Cidr.parse("10.32.0.0/16"), EMPTY))
			.isEqualTo(notKept("its current 10.32.0.0/12 is outside the pool 10.32.0.0/16"));
	}

	@Test
	void keepsNothingOfTheOtherFamily() {
		assertThat(CurrentCidrs.decide(Observed.defaults("a").state(), Kind.POD, Cidr.parse("::/0"), EMPTY))
			.isEqualTo(notKept("its current 10.32.0.0/12 is outside the pool ::/0"));
	}

	@Test
	void keepsNothingThatCollidesWithWhatTheMeshHandedOut() {
		AddressSpace space = AddressSpace.of(List.of(Cidr.parse("10.40.0.0/16"), Cidr.parse("10.44.0.0/14"),
				Cidr.parse("10.64.0.0/12")));

		assertThat(CurrentCidrs.decide(Observed.defaults("a").state(), Kind.POD, POD_POOL, space))
			.isEqualTo(notKept("its current 10.32.0.0/12 collides with [10.40.0.0/16, 10.44.0.0/14]"));
	}

	// IP fabric forwarding and unknown sources

	@Test
	void keepsTheIpFabricRangeThatThePodNetworkReferencesUnderIpFabricForwarding() {
		Observed observed = Observed.defaults("a").podNetwork("k8s-ip-fabric-ipam");

		assertThat(decide(observed)).isEqualTo(kept("10.64.0.0/12"));
		// KUBERNETES_POD_SUBNETS moves no pod then, so it does not disagree
		assertThat(decide(observed.setting("KUBERNETES_POD_SUBNETS", "10.128.0.0/16"))).isEqualTo(kept("10.64.0.0/12"));
	}

	@Test
	void keepsNothingWhoseTfSideWasNotRead() {
		Decision decision = decide(Observed.defaults("a").tfDown());

		assertThat(decision).isEqualTo(notKept("its current pod CIDR is unknown, so none was kept: the TF config API "
				+ "was not read"));
		assertThat(CurrentCidrs.agreed(Observed.defaults("a").tfDown().state(), Kind.SERVICE)).isEmpty();
	}

	@Test
	void keepsNothingWhenKubeManagersSettingIsUnknown() {
		assertThat(decide(Observed.defaults("a").unknownSetting("KUBERNETES_POD_SUBNETS")))
			.isEqualTo(notKept("its current pod CIDR is unknown, so none was kept: kube-manager's "
					+ "KUBERNETES_POD_SUBNETS is unknown (configmap/env could not be read)"));
	}

	private static Decision decide(Observed observed) {
		return CurrentCidrs.decide(observed.state(), Kind.POD, POD_POOL, EMPTY);
	}

	private static Decision kept(String cidr) {
		return new Decision(Cidr.parse(cidr),
				"the cluster already uses " + cidr + ", which is inside the pool and collides with nothing");
	}

	private static Decision notKept(String reason) {
		return new Decision(null, reason);
	}

}
