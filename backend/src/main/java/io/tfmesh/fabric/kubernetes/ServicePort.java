package io.tfmesh.fabric.kubernetes;

/**
 * @param protocol {@code TCP}, {@code UDP} or {@code SCTP}
 * @param port the port the Service answers on
 * @param targetPort the port the endpoints listen on
 */
public record ServicePort(String name, String protocol, int port, int targetPort) {

}
