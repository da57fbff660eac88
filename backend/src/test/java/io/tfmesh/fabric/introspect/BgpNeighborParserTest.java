package io.tfmesh.fabric.introspect;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.tfmesh.fabric.FabricException;
import io.tfmesh.fabric.FabricException.Kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BgpNeighborParserTest {

	// BgpNeighborListResp with one BGP and one XMPP BgpNeighborResp, fields typed and numbered as
	// tf-controller's src/bgp/bgp_peer.sandesh declares them, filled as src/bgp/bgp_peer.cc and
	// src/bgp/bgp_xmpp_sandesh.cc fill them
	static final String NEIGHBORS = "<?xml-stylesheet type=\"text/xsl\" href=\"/universal_parse.xsl\"?>"
			+ "<BgpNeighborListResp type=\"sandesh\"><neighbors type=\"list\" identifier=\"1\">"
			+ "<list type=\"struct\" size=\"2\"><BgpNeighborResp>"
			+ "<instance_name type=\"string\" identifier=\"53\">default-domain:default-project:ip-fabric:__default__</instance_name>"
			+ "<peer type=\"string\" identifier=\"1\" link=\"BgpNeighborReq\">aws-east-master</peer>"
			+ "<deleted type=\"bool\" identifier=\"36\">false</deleted>"
			+ "<peer_address type=\"string\" identifier=\"2\" link=\"BgpNeighborReq\">10.10.0.10</peer_address>"
			+ "<peer_id type=\"string\" identifier=\"25\">10.10.0.10</peer_id>"
			+ "<peer_asn type=\"u32\" identifier=\"3\">64513</peer_asn>"
			+ "<encoding type=\"string\" identifier=\"6\">BGP</encoding>"
			+ "<peer_type type=\"string\" identifier=\"7\">external</peer_type>"
			+ "<state type=\"string\" identifier=\"8\">Idle</state>"
			+ "<router_type type=\"string\" identifier=\"52\">external-control-node</router_type>"
			+ "<local_asn type=\"u32\" identifier=\"5\">64512</local_asn>"
			+ "<configured_address_families type=\"list\" identifier=\"38\"><list type=\"string\" size=\"1\">"
			+ "<element>inet-vpn</element></list></configured_address_families>"
			+ "</BgpNeighborResp><BgpNeighborResp>"
			+ "<instance_name type=\"string\" identifier=\"53\"></instance_name>"
			+ "<peer type=\"string\" identifier=\"1\" link=\"BgpNeighborReq\">gcp-west-worker-1</peer>"
			+ "<peer_address type=\"string\" identifier=\"2\" link=\"BgpNeighborReq\">10.20.0.11</peer_address>"
			+ "<peer_asn type=\"u32\" identifier=\"3\">0</peer_asn>"
			+ "<encoding type=\"string\" identifier=\"6\">XMPP</encoding>"
			+ "<peer_type type=\"string\" identifier=\"7\">internal</peer_type>"
			+ "<state type=\"string\" identifier=\"8\">Established</state>"
			+ "<router_type type=\"string\" identifier=\"52\"></router_type>"
			+ "<local_asn type=\"u32\" identifier=\"5\">0</local_asn>"
			+ "</BgpNeighborResp></list></neighbors>"
			+ "<next_batch type=\"string\" identifier=\"2\" link=\"BgpNeighborReqIterate\" link_title=\"next_batch\">"
			+ "gcp-west-worker-2||</next_batch>"
			+ "<more type=\"bool\" identifier=\"0\">false</more></BgpNeighborListResp>";

	@Test
	void readsEveryNeighborOfTheFirstPage() {
		List<BgpNeighbor> neighbors = BgpNeighborParser.parse(NEIGHBORS);

		assertThat(neighbors).containsExactly(
				new BgpNeighbor("aws-east-master", "10.10.0.10", 64513, "BGP", "external", "Idle",
						"external-control-node", 64512),
				new BgpNeighbor("gcp-west-worker-1", "10.20.0.11", 0, "XMPP", "internal", "Established", "", 0));
		assertThat(neighbors.get(0).bgp()).isTrue();
		assertThat(neighbors.get(0).established()).isFalse();
		assertThat(neighbors.get(1).bgp()).isFalse();
	}

	@Test
	void anEmptyListIsNoNeighbors() {
		assertThat(BgpNeighborParser.parse("<BgpNeighborListResp type=\"sandesh\"><neighbors type=\"list\" "
				+ "identifier=\"1\"><list type=\"struct\" size=\"0\"></list></neighbors></BgpNeighborListResp>"))
			.isEmpty();
	}

	@Test
	void refusesAnAnswerThatIsNotANeighborList() {
		assertThatExceptionOfType(FabricException.class)
			.isThrownBy(() -> BgpNeighborParser.parse(NodeStatusParserTest.CONTROL_NODE))
			.satisfies(ex -> assertThat(ex.kind()).isEqualTo(Kind.INVALID_RESPONSE));
		assertThatExceptionOfType(FabricException.class).isThrownBy(() -> BgpNeighborParser.parse("<BgpNeighbor"))
			.satisfies(ex -> assertThat(ex.kind()).isEqualTo(Kind.INVALID_RESPONSE));
	}

	@Test
	void refusesANeighborWithoutStateRatherThanGuessingOne() {
		String stateless = NEIGHBORS.replace("<state type=\"string\" identifier=\"8\">Idle</state>", "");

		assertThatExceptionOfType(FabricException.class).isThrownBy(() -> BgpNeighborParser.parse(stateless))
			.withMessageContaining("aws-east-master");
	}

	@Test
	void refusesAnAsnThatIsNotANumber() {
		String bad = NEIGHBORS.replace(">64513<", ">sixty<");

		assertThatExceptionOfType(FabricException.class).isThrownBy(() -> BgpNeighborParser.parse(bad))
			.withMessageContaining("peer_asn");
	}

}
