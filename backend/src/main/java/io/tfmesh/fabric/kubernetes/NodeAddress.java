package io.tfmesh.fabric.kubernetes;

/** @param type as Kubernetes names it: {@code InternalIP}, {@code ExternalIP}, {@code Hostname} */
public record NodeAddress(String type, String address) {

}
