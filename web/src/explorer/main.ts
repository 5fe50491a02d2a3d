import "./explorer.css";
document.getElementById("app")!.textContent = "graphdir";
