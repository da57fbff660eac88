/**
 * The exceptions that services throw for the answers every feature gives (invalid input, not
 * found, conflict, stale version) and the problem-details types they map to. Other modules may
 * use its public types; the handlers that turn them into responses stay package-private.
 */
@NamedInterface("error")
package io.tfmesh.system.error;

import org.springframework.modulith.NamedInterface;
