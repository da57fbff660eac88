package io.tfmesh.fabric.introspect;

import java.util.List;

/**
 * One neighbor of a control node as its {@code Snh_BgpNeighborReq} lists it (a
 * {@code BgpNeighborResp} of tf-controller's {@code src/bgp/bgp_peer.sandesh}).
 *
 * @param peer the peer's name: a bgp-router's name for BGP, an agent's hostname for XMPP
 * @param peerAsn the peer's ASN; 0 for XMPP
 * @param encoding {@code BGP} or {@code XMPP}
 * @param peerType {@code internal} or {@code external}
 * @param state the session's state: {@code Idle}, {@code Active}, {@code Connect},
 * {@code OpenSent}, {@code OpenConfirm} or {@code Established} ({@code src/bgp/state_machine.cc})
 * @param routerType the peer bgp-router's {@code router_type}; empty for XMPP
 * @param localAsn the control node's own ASN; 0 for XMPP
 */
public record BgpNeighbor(String peer, String peerAddress, long peerAsn, String encoding, String peerType,
		String state, String routerType, long localAsn) {

	public static final String BGP = "BGP";

	public static final String XMPP = "XMPP";

	public static final String ESTABLISHED = "Established";

	/** The states of the BGP state machine, in its order. */
	public static final List<String> STATES = List.of("Idle", "Active", "Connect", "OpenSent", "OpenConfirm",
			ESTABLISHED);

	public boolean bgp() {
		return BGP.equals(encoding);
	}

	public boolean established() {
		return ESTABLISHED.equals(state);
	}

}
