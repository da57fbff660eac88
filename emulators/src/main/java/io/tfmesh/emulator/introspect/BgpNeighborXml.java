package io.tfmesh.emulator.introspect;

import java.util.List;

import org.jspecify.annotations.Nullable;


/**
 * The answer of {@code Snh_BgpNeighborReq} as the control node writes it: a
 * {@code BgpNeighborListResp} whose {@code neighbors} list holds a {@code BgpNeighborResp} per peer,
 * each field typed and numbered as declared in tf-controller's {@code src/bgp/bgp_peer.sandesh}.
 */
final class BgpNeighborXml {

	private BgpNeighborXml() {
	}

	/**
	 * @param nextBatch the {@code next_batch} of a full page, null when this page is the last
	 */
	static String of(List<BgpNeighbor> neighbors, @Nullable String nextBatch) {
		StringBuilder xml = new StringBuilder(1024 + 1024 * neighbors.size());
		xml.append("<?xml-stylesheet type=\"text/xsl\" href=\"/universal_parse.xsl\"?>")
			.append("<BgpNeighborListResp type=\"sandesh\">")
			.append("<neighbors type=\"list\" identifier=\"1\"><list type=\"struct\" size=\"")
			.append(neighbors.size())
			.append("\">");
		for (BgpNeighbor neighbor : neighbors) {
			boolean bgp = BgpNeighbor.BGP.equals(neighbor.encoding());
			xml.append("<BgpNeighborResp>");
			field(xml, "instance_name", "string", 53, null, bgp ? BgpNeighbor.MASTER_INSTANCE : "");
			field(xml, "peer", "string", 1, "BgpNeighborReq", neighbor.peer());
			field(xml, "deleted", "bool", 36, null, "false");
			field(xml, "peer_address", "string", 2, "BgpNeighborReq", neighbor.peerAddress());
			field(xml, "peer_id", "string", 25, null, bgp ? neighbor.peerAddress() : "");
			field(xml, "peer_asn", "u32", 3, null, Long.toString(neighbor.peerAsn()));
			field(xml, "encoding", "string", 6, null, neighbor.encoding());
			field(xml, "peer_type", "string", 7, null, neighbor.peerType());
			field(xml, "state", "string", 8, null, neighbor.state());
			field(xml, "router_type", "string", 52, null, neighbor.routerType());
			field(xml, "admin_down", "bool", 47, null, "false");
			field(xml, "passive", "bool", 48, null, "false");
			field(xml, "peer_port", "u32", 50, null, bgp ? "179" : "0");
			field(xml, "local_asn", "u32", 5, null, Long.toString(neighbor.localAsn()));
			field(xml, "negotiated_hold_time", "u32", 41, null,
					BgpNeighbor.ESTABLISHED.equals(neighbor.state()) ? "90" : "0");
			field(xml, "primary_path_count", "u32", 46, null, "0");
			xml.append("</BgpNeighborResp>");
		}
		xml.append("</list></neighbors>");
		if (nextBatch != null) {
			xml.append("<next_batch type=\"string\" identifier=\"2\" link=\"BgpNeighborReqIterate\" "
					+ "link_title=\"next_batch\">")
				.append(escape(nextBatch))
				.append("</next_batch>");
		}
		xml.append("<more type=\"bool\" identifier=\"0\">false</more></BgpNeighborListResp>");
		return xml.toString();
	}

	private static void field(StringBuilder xml, String name, String type, int identifier, @Nullable String link,
			String value) {
		xml.append('<').append(name).append(" type=\"").append(type).append("\" identifier=\"").append(identifier);
		if (link != null) {
			xml.append("\" link=\"").append(link);
		}
		xml.append("\">").append(escape(value)).append("</").append(name).append('>');
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
