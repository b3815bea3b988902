import { REQUIRED_STREAMS } from "../requirements.js";
import { isUnknown, reasonFor, result } from "./result.js";

export function evaluateStreams(facts) {
  return REQUIRED_STREAMS.map((stream) => {
    const streams = facts.streams;
    if (!streams || isUnknown(streams[stream.entityName])) {
      return result(
        stream.checkId,
        "skip",
        reasonFor(
          facts,
          "streams",
          `Whether ${stream.label} streaming is enabled could not be read.`
        )
      );
    }
    if (streams[stream.entityName] === true) {
      return result(
        stream.checkId,
        "pass",
        `${stream.label} streaming is enabled (${stream.entityName}).`
      );
    }
    return result(
      stream.checkId,
      "fail",
      `${stream.label} streaming is not enabled (${stream.entityName}). Code42 monitoring requires that streaming of this event is enabled in the Salesforce Event Manager; without it the connection goes to Error.`
    );
  });
}
