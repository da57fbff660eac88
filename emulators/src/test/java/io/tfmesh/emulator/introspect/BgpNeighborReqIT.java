package io.tfmesh.emulator.introspect;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import io.tfmesh.emulator.LoopbackNetworks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The control node's {@code Snh_BgpNeighborReq} against the upstream definition: tf-controller's
 * {@code src/bgp/bgp_peer.sandesh} ({@code BgpNeighborListResp}, {@code BgpNeighborResp}),
 * {@code src/bgp/bgp_peer.cc} ({@code FillNeighborInfo}), {@code src/bgp/bgp_xmpp_sandesh.cc},
 * {@code src/bgp/state_machine.cc} ({@code state_names}) and {@code src/bgp/bgp_show_neighbor.cc}.
 */
class BgpNeighborReqIT {

	private static final String NODE = LoopbackNetworks.reserve() + ".98.2";

	/** Name, Sandesh type and identifier of each field, as src/bgp/bgp_peer.sandesh declares them. */
	private static final Map<String, String> BGP_NEIGHBOR_RESP_FIELDS = Map.ofEntries(
			Map.entry("instance_name", "string:53"), Map.entry("peer", "string:1"), Map.entry("deleted", "bool:36"),
			Map.entry("peer_address", "string:2"), Map.entry("peer_id", "string:25"), Map.entry("peer_asn", "u32:3"),
			Map.entry("encoding", "string:6"), Map.entry("peer_type", "string:7"), Map.entry("state", "string:8"),
			Map.entry("router_type", "string:52"), Map.entry("admin_down", "bool:47"),
			Map.entry("passive", "bool:48"), Map.entry("peer_port", "u32:50"), Map.entry("local_asn", "u32:5"),
			Map.entry("negotiated_hold_time", "u32:41"), Map.entry("primary_path_count", "u32:46"));

	/** src/bgp/state_machine.cc, state_names[]. */
	private static final List<String> STATE_NAMES = List.of("Idle", "Active", "Connect", "OpenSent", "OpenConfirm",
			"Established");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private IntrospectEmulator emulator;

	@AfterEach
	void stopNode() {
		if (emulator != null) {
			emulator.close();
		}
	}

	@Test
	void listsEachNeighborWithTheFieldsOfBgpNeighborResp() throws Exception {
		emulator = IntrospectEmulator.start(NODE, "gcp-west-master", List.of(SandeshProcess.CONTROL));
		emulator.bgpNeighbor(BgpNeighbor.bgp("aws-east-master", "10.10.0.10", 64513, 64512, "external-control-node",
				"Established"));
		emulator.bgpNeighbor(BgpNeighbor.xmpp("gcp-west-worker-1", "10.20.0.11", "Established"));

		HttpResponse<String> response = get(8083, "/Snh_BgpNeighborReq?search_string=");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/xml; charset=utf-8");
		Element root = parse(response.body());
		assertThat(root.getTagName()).isEqualTo("BgpNeighborListResp");
		assertThat(root.getAttribute("type")).isEqualTo("sandesh");
		Element list = child(child(root, "neighbors"), "list");
		assertThat(child(root, "neighbors").getAttribute("identifier")).isEqualTo("1");
		assertThat(list.getAttribute("type")).isEqualTo("struct");
		assertThat(list.getAttribute("size")).isEqualTo("2");
		List<Element> neighbors = children(list, "BgpNeighborResp");
		for (Element neighbor : neighbors) {
			for (Map.Entry<String, String> field : BGP_NEIGHBOR_RESP_FIELDS.entrySet()) {
				Element element = child(neighbor, field.getKey());
				assertThat(element.getAttribute("type") + ":" + element.getAttribute("identifier")).as(field.getKey())
					.isEqualTo(field.getValue());
			}
			assertThat(child(neighbor, "peer").getAttribute("link")).isEqualTo("BgpNeighborReq");
		}
		// BgpPeer::FillNeighborInfo: BGP peers come first, then the XMPP channels
		Element bgp = neighbors.get(0);
		assertThat(text(bgp, "peer")).isEqualTo("aws-east-master");
		assertThat(text(bgp, "peer_address")).isEqualTo("10.10.0.10");
		assertThat(text(bgp, "peer_asn")).isEqualTo("64513");
		assertThat(text(bgp, "local_asn")).isEqualTo("64512");
		assertThat(text(bgp, "encoding")).isEqualTo("BGP");
		assertThat(text(bgp, "peer_type")).isEqualTo("external");
		assertThat(text(bgp, "router_type")).isEqualTo("external-control-node");
		assertThat(text(bgp, "state")).isEqualTo("Established");
		assertThat(text(bgp, "instance_name")).isEqualTo("default-domain:default-project:ip-fabric:__default__");
		// bgp_xmpp_sandesh.cc: XMPP peers are always internal
		Element xmpp = neighbors.get(1);
		assertThat(text(xmpp, "encoding")).isEqualTo("XMPP");
		assertThat(text(xmpp, "peer_type")).isEqualTo("internal");
		assertThat(text(xmpp, "peer")).isEqualTo("gcp-west-worker-1");
	}

	@Test
	void reportsTheStateSetForAPeer() throws Exception {
		emulator = IntrospectEmulator.start(NODE, "gcp-west-master", List.of(SandeshProcess.CONTROL));
		emulator.bgpNeighbor(BgpNeighbor.bgp("aws-east-master", "10.10.0.10", 64513, 64512, "external-control-node",
				"Established"));

		for (String state : STATE_NAMES) {
			emulator.bgpNeighborState("aws-east-master", state);
			Element root = parse(get(8083, "/Snh_BgpNeighborReq").body());
			assertThat(text(children(child(child(root, "neighbors"), "list"), "BgpNeighborResp").get(0), "state"))
				.isEqualTo(state);
		}
		assertThatIllegalArgumentException().isThrownBy(() -> emulator.bgpNeighborState("aws-east-master", "Down"));
		assertThatIllegalArgumentException().isThrownBy(() -> emulator.bgpNeighborState("nobody", "Idle"));
	}

	@Test
	void searchStringMatchesTheNameOrTheAddress() throws Exception {
		emulator = IntrospectEmulator.start(NODE, "gcp-west-master", List.of(SandeshProcess.CONTROL));
		emulator.bgpNeighbor(BgpNeighbor.bgp("aws-east-master", "10.10.0.10", 64513, 64512, "external-control-node",
				"Idle"));
		emulator.bgpNeighbor(BgpNeighbor.bgp("mx-1", "192.0.2.1", 64512, 64512, "router", "Established"));

		assertThat(peers(get(8083, "/Snh_BgpNeighborReq?search_string=aws").body())).containsExactly("aws-east-master");
		assertThat(peers(get(8083, "/Snh_BgpNeighborReq?search_string=192%2E0").body())).containsExactly("mx-1");
		assertThat(peers(get(8083, "/Snh_BgpNeighborReq?search_string=").body())).containsExactly("aws-east-master",
				"mx-1");
	}

	@Test
	void pagesTheXmppNeighborsAfterEveryBgpPeer() throws Exception {
		emulator = IntrospectEmulator.start(NODE, "gcp-west-master", List.of(SandeshProcess.CONTROL));
		emulator.bgpNeighbor(BgpNeighbor.bgp("zz-peer", "10.10.0.10", 64513, 64512, "external-control-node", "Idle"));
		for (int agent = 0; agent < 70; agent++) {
			emulator.bgpNeighbor(BgpNeighbor.xmpp("agent-%03d".formatted(agent), "10.20.1." + agent, "Established"));
		}

		Element root = parse(get(8083, "/Snh_BgpNeighborReq?search_string=").body());

		// bgp_show_handler.h kPageLimit = 64; bgp_show_neighbor.cc never pages the BGP peers
		List<String> peers = peers(root);
		assertThat(peers).hasSize(65).startsWith("zz-peer");
		Element nextBatch = child(root, "next_batch");
		assertThat(nextBatch.getAttribute("link")).isEqualTo("BgpNeighborReqIterate");
		assertThat(nextBatch.getTextContent()).isEqualTo("agent-064||");
	}

	@Test
	void onlyTheControlNodeAnswers() throws Exception {
		emulator = IntrospectEmulator.start(NODE, "gcp-west-master",
				List.of(SandeshProcess.CONTROL, SandeshProcess.VROUTER_AGENT));

		assertThat(get(8085, "/Snh_BgpNeighborReq").statusCode()).isEqualTo(404);
		assertThat(peers(get(8083, "/Snh_BgpNeighborReq").body())).isEmpty();
		try (IntrospectEmulator worker = IntrospectEmulator.start(LoopbackNetworks.reserve() + ".98.3", "worker",
				List.of(SandeshProcess.VROUTER_AGENT))) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> worker.bgpNeighbor(BgpNeighbor.xmpp("a", "10.0.0.1", "Idle")));
		}
	}

	private HttpResponse<String> get(int port, String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://" + NODE + ":" + port + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static List<String> peers(String xml) throws Exception {
		return peers(parse(xml));
	}

	private static List<String> peers(Element root) {
		return children(child(child(root, "neighbors"), "list"), "BgpNeighborResp").stream()
			.map(neighbor -> text(neighbor, "peer"))
			.toList();
	}

	private static Element parse(String xml) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		return factory.newDocumentBuilder()
			.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
			.getDocumentElement();
	}

	private static Element child(Element parent, String name) {
		List<Element> found = children(parent, name);
		if (found.isEmpty()) {
			throw new AssertionError("no " + name + " in " + parent.getTagName());
		}
		return found.get(0);
	}

	private static List<Element> children(Element parent, String name) {
		List<Element> found = new ArrayList<>();
		NodeList nodes = parent.getChildNodes();
		for (int i = 0; i < nodes.getLength(); i++) {
			Node node = nodes.item(i);
			if (node instanceof Element element && element.getTagName().equals(name)) {
				found.add(element);
			}
		}
		return found;
	}

	private static String text(Element parent, String name) {
		return child(parent, name).getTextContent();
	}

}
