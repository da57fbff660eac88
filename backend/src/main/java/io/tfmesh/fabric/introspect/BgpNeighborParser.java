package io.tfmesh.fabric.introspect;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import io.tfmesh.fabric.FabricException;
import io.tfmesh.fabric.FabricException.Kind;

/**
 * Reads the Sandesh XML of {@code Snh_BgpNeighborReq}: a {@code BgpNeighborListResp} whose
 * {@code neighbors/list} holds a {@code BgpNeighborResp} per peer. Only the first page is read:
 * the control node lists every BGP peer there and pages only the XMPP channels
 * ({@code src/bgp/bgp_show_neighbor.cc}).
 */
public final class BgpNeighborParser {

	private static final String SOURCE = "introspect";

	private BgpNeighborParser() {
	}

	/**
	 * @throws FabricException INVALID_RESPONSE when the text is not XML, holds no
	 * {@code BgpNeighborListResp}, or a neighbor lacks its state or has an ASN that is not a number
	 */
	public static List<BgpNeighbor> parse(String xml) {
		Element root = NodeStatusParser.read(xml).getDocumentElement();
		if (!"BgpNeighborListResp".equals(root.getTagName())) {
			throw new FabricException(SOURCE, Kind.INVALID_RESPONSE, 0,
					"the BgpNeighborReq answer is a " + root.getTagName() + ", not a BgpNeighborListResp");
		}
		List<BgpNeighbor> neighbors = new ArrayList<>();
		Element holder = child(root, "neighbors");
		Element list = (holder != null) ? child(holder, "list") : null;
		if (list == null) {
			return neighbors;
		}
		for (Node node = list.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element item && item.getTagName().equals("BgpNeighborResp")) {
				neighbors.add(neighbor(item));
			}
		}
		return neighbors;
	}

	private static BgpNeighbor neighbor(Element item) {
		String peer = NodeStatusParser.text(item, "peer");
		String state = NodeStatusParser.text(item, "state").trim();
		if (state.isEmpty()) {
			throw new FabricException(SOURCE, Kind.INVALID_RESPONSE, 0, "the neighbor '" + peer + "' has no state");
		}
		return new BgpNeighbor(peer, NodeStatusParser.text(item, "peer_address"), number(item, "peer_asn", peer),
				NodeStatusParser.text(item, "encoding"), NodeStatusParser.text(item, "peer_type"), state,
				NodeStatusParser.text(item, "router_type"), number(item, "local_asn", peer));
	}

	private static long number(Element item, String field, String peer) {
		String text = NodeStatusParser.text(item, field).trim();
		if (text.isEmpty()) {
			return 0;
		}
		try {
			return Long.parseLong(text);
		}
		catch (NumberFormatException ex) {
			throw new FabricException(SOURCE, Kind.INVALID_RESPONSE, 0,
					"the neighbor '" + peer + "' has " + field + " '" + text + "'", ex);
		}
	}

	private static @Nullable Element child(Element parent, String name) {
		for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element && element.getTagName().equals(name)) {
				return element;
			}
		}
		return null;
	}

}
