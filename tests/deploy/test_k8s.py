"""deploy/k8s/: every manifest validates (strict) against the Kubernetes schemas bundled by
kubernetes-validate, offline, and the objects fit together (labels, probes, volume, user)."""

from pathlib import Path

import kubernetes_validate
import pytest
import yaml

K8S = Path(__file__).resolve().parents[2] / "deploy" / "k8s"
# the oldest and the newest Kubernetes whose schemas kubernetes-validate bundles that we support
VERSIONS = ("1.30.0", "1.37.0")


# kinds with more than one object: the one the web replicas' checks below mean
WEB = {"Deployment": "qa-service", "PersistentVolumeClaim": "qa-index"}


def objects() -> dict[str, dict]:
    """Every object of deploy/k8s by "Kind/name"."""
    return {
        f"{doc['kind']}/{doc['metadata']['name']}": doc
        for path in sorted(K8S.glob("*.yaml"))
        for doc in yaml.safe_load_all(path.read_text())
    }


def manifests() -> dict[str, dict]:
    """One object per kind: the web replicas' Deployment and the index's claim where there are two."""
    return {
        doc["kind"]: doc
        for doc in objects().values()
        if WEB.get(doc["kind"], doc["metadata"]["name"]) == doc["metadata"]["name"]
    }


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("path", sorted(K8S.glob("*.yaml")), ids=lambda p: p.name)
def test_manifest_validates_strictly(path, version):
    for doc in yaml.safe_load_all(path.read_text()):
        kubernetes_validate.validate(doc, version, strict=True)


def test_the_checker_rejects_a_wrong_field():
    deployment = manifests()["Deployment"]
    deployment["spec"]["template"]["spec"]["containers"][0]["readinessProbe"]["httpGet"]["paht"] = "/"
    with pytest.raises(kubernetes_validate.ValidationError, match="paht"):
        kubernetes_validate.validate(deployment, VERSIONS[-1], strict=True)


def test_every_object_kind_is_there():
    kinds = set(manifests())
    assert kinds == {
        "Deployment",
        "Service",
        "HorizontalPodAutoscaler",
        "PodDisruptionBudget",
        "Job",
        "PersistentVolumeClaim",
    }


def test_probes_use_the_health_endpoints():
    container = manifests()["Deployment"]["spec"]["template"]["spec"]["containers"][0]
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert container["ports"][0]["containerPort"] == 8000  # the image's PORT


def test_selectors_match_the_replicas():
    found = manifests()
    labels = found["Deployment"]["spec"]["template"]["metadata"]["labels"]
    assert found["Deployment"]["spec"]["selector"]["matchLabels"].items() <= labels.items()
    assert found["Service"]["spec"]["selector"].items() <= labels.items()
    assert found["PodDisruptionBudget"]["spec"]["selector"]["matchLabels"].items() <= labels.items()
    assert (
        found["HorizontalPodAutoscaler"]["spec"]["scaleTargetRef"]["name"]
        == found["Deployment"]["metadata"]["name"]
    )
    # a drain never takes the last replicas: the autoscaler's floor is above the budget's minimum
    assert (
        found["HorizontalPodAutoscaler"]["spec"]["minReplicas"]
        > found["PodDisruptionBudget"]["spec"]["minAvailable"]
    )


def test_build_job_and_replicas_share_the_index_volume():
    found = manifests()
    claim = found["PersistentVolumeClaim"]["metadata"]["name"]
    for kind in ("Deployment", "Job"):
        pod = found[kind]["spec"]["template"]["spec"]
        assert pod["volumes"][0]["persistentVolumeClaim"]["claimName"] == claim
        container = pod["containers"][0]
        env = {item["name"]: item.get("value") for item in container["env"]}
        assert env["QA_INDEX_DIR"] == container["volumeMounts"][0]["mountPath"]
        assert pod["securityContext"]["runAsUser"] == 10001  # the Dockerfile's USER, owner of /app


def test_shared_state_comes_from_the_secret():
    container = manifests()["Deployment"]["spec"]["template"]["spec"]["containers"][0]
    from_secret = {item["name"] for item in container["env"] if "valueFrom" in item}
    assert {"QA_DATABASE_URL", "QA_REDIS_URL", "QA_RATELIMIT_STORAGE_URI"} <= from_secret


def env_of(container: dict) -> dict[str, str | None]:
    return {item["name"]: item.get("value") for item in container["env"]}


def test_uploads_land_in_one_sources_volume_that_the_worker_builds_for_every_replica():
    found = objects()
    claim = found["PersistentVolumeClaim/qa-sources"]["metadata"]["name"]
    for name in ("Deployment/qa-service", "Deployment/qa-library-worker", "Job/qa-index-build"):
        pod = found[name]["spec"]["template"]["spec"]
        claims = {v["name"]: v["persistentVolumeClaim"]["claimName"] for v in pod["volumes"]}
        assert claims == {"index": "qa-index", "sources": claim}
        container = pod["containers"][0]
        mounts = {m["name"]: m["mountPath"] for m in container["volumeMounts"]}
        assert env_of(container)["QA_SOURCE_DIR"] == mounts["sources"]
        assert env_of(container)["QA_INDEX_DIR"] == mounts["index"]
        assert pod["securityContext"]["runAsUser"] == 10001
    worker = found["Deployment/qa-library-worker"]["spec"]
    assert worker["replicas"] == 1  # one build at a time
    container = worker["template"]["spec"]["containers"][0]
    assert container["command"] == ["python", "scripts/library_worker.py"]
    assert {"QA_REDIS_URL", "QA_DATABASE_URL"} <= {i["name"] for i in container["env"] if "valueFrom" in i}
    assert worker["selector"]["matchLabels"].items() <= worker["template"]["metadata"]["labels"].items()
    web = found["Deployment/qa-service"]["spec"]["selector"]["matchLabels"]
    assert (
        not web.items() <= worker["template"]["metadata"]["labels"].items()
    )  # the Service never sends it traffic
    seed = found["Job/qa-index-build"]["spec"]["template"]["spec"]["initContainers"][0]
    assert "cp -Rn /app/source_docs/." in seed["command"][-1]  # the default corpus, never over an upload
