package io.inferdeck.control.launch;

import io.inferdeck.control.profile.DeploymentProfile;
import java.util.List;

/** Builds one replica's argv for one engine kind; the profile is already validated. */
interface EngineArgv {
    List<String> argv(DeploymentProfile profile, ReplicaSlice replica, LaunchContext ctx) throws LaunchException;
}
