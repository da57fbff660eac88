package io.tfmesh.emulator.introspect;

import java.util.List;

/**
 * One neighbor of a control node as {@code Snh_BgpNeighborReq} lists it: a {@code BgpNeighborResp}
 * of tf-controller's {@code src/bgp/bgp_peer.sandesh}, with the fields {@code BgpPeer::FillNeighborInfo}
 * ({@code src/bgp/bgp_peer.cc}) and {@code FillXmppNeighborInfo} ({@code src/bgp/bgp_xmpp_sandesh.cc}) set.
 *
 * @param peer the peer's name: the bgp-router's name for a BGP peer, the agent's hostname for XMPP
 * @param peerAddress the peer's IP address
 * @param peerAsn the peer's ASN; 0 for an XMPP peer, which never sets it
 * @param encoding {@code BGP} or {@code XMPP}
 * @param peerType {@code internal} when the peer's ASN is the local one, else {@code external};
 * always {@code internal} for XMPP
 * @param state a state of the BGP (or XMPP) state machine: {@code Idle}, {@code Active},
 * {@code Connect}, {@code OpenSent}, {@code OpenConfirm} or {@code Established}
 * @param routerType the bgp-router's {@code router_type}; empty for XMPP
 * @param localAsn the control node's own ASN; 0 for XMPP
 */
public record BgpNeighbor(String peer, String peerAddress, long peerAsn, String encoding, String peerType,
		String state, String routerType, long localAsn) {

	public static final String BGP = "BGP";

	public static final String XMPP = "XMPP";

	/** The names of {@code state_names} in {@code src/bgp/state_machine.cc} (and {@code src/xmpp/xmpp_state_machine.cc}). */
	public static final List<String> STATES = List.of("Idle", "Active", "Connect", "OpenSent", "OpenConfirm",
			"Established");

	public static final String ESTABLISHED = "Established";

	public static final String IDLE = "Idle";

	/** The routing instance every BGP peer of the control node belongs to. */
	static final String MASTER_INSTANCE = "default-domain:default-project:ip-fabric:__default__";

	public BgpNeighbor {
		if (!STATES.contains(state)) {
			throw new IllegalArgumentException("'" + state + "' is not a state of the BGP state machine " + STATES);
		}
		if (!BGP.equals(encoding) && !XMPP.equals(encoding)) {
			throw new IllegalArgumentException("encoding is BGP or XMPP, not '" + encoding + "'");
		}
	}

	/** A BGP peer: internal when it is in the local ASN, as {@code BgpPeer::PeerType} decides. */
	public static BgpNeighbor bgp(String peer, String peerAddress, long peerAsn, long localAsn, String routerType,
			String state) {
		return new BgpNeighbor(peer, peerAddress, peerAsn, BGP, (peerAsn == localAsn) ? "internal" : "external", state,
				routerType, localAsn);
	}

	/** A vrouter agent's XMPP channel. */
	public static BgpNeighbor xmpp(String agent, String agentAddress, String state) {
		return new BgpNeighbor(agent, agentAddress, 0, XMPP, "internal", state, "", 0);
	}

	/** The same neighbor in another state. */
	public BgpNeighbor withState(String state) {
		return new BgpNeighbor(peer, peerAddress, peerAsn, encoding, peerType, state, routerType, localAsn);
	}

}
