/**
 * Preflight checks: the lessons of past installations as rule data that admins edit, and a
 * verdict per check and cluster, each with the readings it rests on.
 */
package io.tfmesh.preflight;
